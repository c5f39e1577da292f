// Click (or Enter on) a highlighted claim to show its card; no framework, no network.
(function () {
  const text = document.getElementById("text");
  if (!text) return;
  function show(id) {
    document.querySelectorAll(".claim-card").forEach((c) => { c.hidden = c.id !== "claim-" + id; });
    document.querySelectorAll("#text .active").forEach((s) => s.classList.remove("active"));
    document.querySelectorAll('#text [data-claim="' + CSS.escape(id) + '"]').forEach((s) => s.classList.add("active"));
    const hint = document.getElementById("hint");
    if (hint) hint.hidden = true;
  }
  // a link to /articles/ID#claim-N (briefs, story pages) opens on that claim
  function fromHash() {
    const m = /^#claim-(.+)$/.exec(location.hash);
    if (m && document.getElementById("claim-" + m[1])) {
      show(m[1]);
      const first = document.querySelector('#text [data-claim="' + CSS.escape(m[1]) + '"]');
      if (first) first.scrollIntoView({ block: "center" });
    }
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
  text.addEventListener("click", (e) => {
    const span = e.target.closest("[data-claim]");
    if (span) show(span.dataset.claim);
  });
  text.addEventListener("keydown", (e) => {
    const span = e.target.closest("[data-claim]");
    if (span && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); show(span.dataset.claim); }
  });
})();

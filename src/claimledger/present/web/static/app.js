// Click, tap or Enter on a highlighted claim to show its card; no framework, no network.
// On a phone the card is a bottom sheet over the text (next to what was tapped, not 3,000 px
// below it); on a wide screen it sits beside the text. Opening a card moves the keyboard focus
// into it (its source, status and verdict form are the next Tab stops); Escape or × closes it
// and gives the focus back to the claim that opened it.
(function () {
  const text = document.getElementById("text");
  if (!text) return;
  const details = document.getElementById("details");
  const close = document.getElementById("close");
  const review = document.getElementById("review");
  const target = document.getElementById("review-target");
  let opener = null;
  // The verdict form shows the card's current verdict (its own, or its proposition's) and says
  // what it showed in the was_* fields: the server saves only what the reviewer changed.
  let typed = "";  // the reviewer's name as typed for a claim with no verdict yet
  let edited = false;  // the verdict form holds what the reviewer typed: Escape must not lose it
  if (review) {
    review.elements.reviewer.addEventListener("input", (e) => { typed = e.target.value; });
    review.addEventListener("input", () => { edited = true; });
    review.addEventListener("change", () => { edited = true; });
  }
  function fillReview(card, claimKey) {
    const f = review.elements;
    const v = card.querySelector(".verdict");
    const d = v ? v.dataset : null;
    const onProposition = !!d && d.on === "proposition";
    const scope = document.getElementById("review-scope");
    const only = document.getElementById("review-claim-only");
    function set(key, shown) {
      target.value = key;
      f.was_target.value = key;
      const values = {
        rating: shown ? shown.rating : "",
        explanation: shown ? shown.explanation : "",
        url: shown ? shown.url : "",
        reviewer: shown ? shown.reviewer : "",
      };
      for (const name of Object.keys(values)) f["was_" + name].value = values[name];
    }
    const select = f.rating;
    if (d && !Array.from(select.options).some((o) => o.value === d.rating)) {
      select.add(new Option(d.rating, d.rating));  // a rating no longer on the scale, shown as is
    }
    select.value = d ? d.rating : "";
    f.explanation.value = d ? d.explanation : "";
    f.url.value = d ? d.url : "";
    f.reviewer.value = d ? d.reviewer : typed;
    set(d ? d.target : claimKey, d);
    edited = false;
    if (scope && only) {
      scope.hidden = !onProposition;
      only.checked = false;
      if (onProposition) {
        const link = document.getElementById("review-proposition");
        link.textContent = d.target;
        link.href = "/propositions/" + encodeURIComponent(d.target);
        // a verdict of this claim's own starts from the proposition's, all of it saved
        only.onchange = () => { if (only.checked) set(claimKey, null); else set(d.target, d); };
      }
    }
  }
  function openCard() {
    return document.querySelector(".claim-card:not([hidden])");
  }
  function show(id, from) {
    let found = false;
    document.querySelectorAll(".claim-card").forEach((c) => {
      c.hidden = c.id !== "claim-" + id;
      if (!c.hidden) found = true;
    });
    if (!found) return;
    document.querySelectorAll("#text .active").forEach((s) => s.classList.remove("active"));
    document.querySelectorAll('#text [data-claim="' + CSS.escape(id) + '"]').forEach((s) => s.classList.add("active"));
    const hint = document.getElementById("hint");
    if (hint) hint.hidden = true;
    if (review && target) {
      fillReview(document.getElementById("claim-" + id), text.dataset.article + ":" + id);
      review.hidden = false;
    }
    details.classList.add("open");
    if (close) close.hidden = false;
    opener = from || null;
    if (history.replaceState) history.replaceState(null, "", "#claim-" + id);
    details.scrollTop = 0;  // the card is the aside's first visible block
    // wide screens: the aside is sticky beside the text; keep it in view all the same
    const rect = details.getBoundingClientRect();
    if (rect.top < 0 || rect.top > window.innerHeight) details.scrollIntoView({ block: "nearest" });
    // the focus follows what was opened (where it is on screen already: no jump)
    document.getElementById("claim-" + id).focus({ preventScroll: true });
  }
  function hide() {
    const card = openCard();
    if (!card) return;
    card.hidden = true;
    if (review) review.hidden = true;
    const hint = document.getElementById("hint");
    if (hint) hint.hidden = false;
    document.querySelectorAll("#text .active").forEach((s) => s.classList.remove("active"));
    details.classList.remove("open");
    if (close) close.hidden = true;
    if (history.replaceState) history.replaceState(null, "", location.pathname + location.search);
    const back = opener || document.querySelector('#text [data-claim="' + CSS.escape(card.dataset.claim) + '"][tabindex]');
    opener = null;
    if (back) back.focus();
  }
  if (close) close.addEventListener("click", hide);
  document.addEventListener("keydown", (e) => {
    if (e.key !== "Escape" || !openCard()) return;
    // a verdict being typed is kept: Escape in a changed form field leaves the card open
    if (edited && review && review.contains(e.target) && e.target.matches("input, textarea, select")) return;
    e.preventDefault();
    hide();
  });
  // a link to /articles/ID#claim-N (briefs, story pages, search) opens on that claim
  function fromHash() {
    const m = /^#claim-(.+)$/.exec(location.hash);
    if (m && document.getElementById("claim-" + m[1])) {
      const first = document.querySelector('#text [data-claim="' + CSS.escape(m[1]) + '"]');
      if (first) first.scrollIntoView({ block: "center" });
      show(m[1], first);
    }
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
  text.addEventListener("click", (e) => {
    const span = e.target.closest("[data-claim]");
    if (span) show(span.dataset.claim, span);
  });
  text.addEventListener("keydown", (e) => {
    const span = e.target.closest("[data-claim]");
    if (span && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); show(span.dataset.claim, span); }
  });
})();

// A live fragment (the dashboard's figures, the fleet) is fetched again every few seconds. When a fetch
// fails (the server is down, does not answer in time, or answers with an error), the figures on screen
// are old: say so, and from when. The next fetch that works replaces the fragment, and the word with it.
(() => {
  const clock = (date) => date.toTimeString().slice(0, 8);
  const markStale = (event) => {
    const live = event.target.closest && event.target.closest("[data-live]");
    if (!live) return;
    live.classList.add("is-stale");
    const note = live.querySelector("[data-stale-note]");
    const taken = live.querySelector("[data-taken-at]");
    const from = taken ? taken.textContent.trim() : "";
    note.textContent = `Not up to date: the server did not answer at ${clock(new Date())}. `
      + (from ? `These figures are from ${from}.` : "What is shown is from before then.");
    note.hidden = false;
  };
  for (const failure of ["htmx:sendError", "htmx:responseError", "htmx:timeout"]) {
    document.addEventListener(failure, markStale);
  }
})();

// Pointing board: a tapped cell opens full screen over the board (the link still works without JavaScript).
document.addEventListener("click", async (event) => {
  const link = event.target.closest(".pointing-grid a[data-cell]");
  const dialog = document.querySelector("dialog.cell-dialog");
  if (!link || !dialog || !dialog.showModal) return;
  event.preventDefault();
  const response = await fetch(link.href);
  if (!response.ok) { window.location = link.href; return; }
  const page = new DOMParser().parseFromString(await response.text(), "text/html");
  const full = page.querySelector(".cell-full");
  const back = full.querySelector(".cell-back a");
  back.addEventListener("click", (e) => { e.preventDefault(); dialog.close(); });
  dialog.replaceChildren(full);
  dialog.showModal();
});
// Tapping anywhere on the full-screen cell closes it again.
document.addEventListener("click", (event) => {
  const dialog = event.target.closest("dialog.cell-dialog");
  if (dialog && !event.target.closest(".cell-back a")) dialog.close();
});

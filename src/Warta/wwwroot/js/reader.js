// Progressive enhancement only: every link here works without this script.
(() => {
  const dialog = document.querySelector(".zoom-dialog");
  const zoom = document.querySelector("[data-zoom]");
  if (!dialog || !zoom || typeof dialog.showModal !== "function") return;
  const image = dialog.querySelector("img");
  zoom.addEventListener("click", (event) => {
    event.preventDefault();
    image.src = zoom.getAttribute("href");
    image.alt = zoom.querySelector("img")?.alt ?? "";
    dialog.showModal();
  });
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog || event.target.closest(".zoom-close")) dialog.close();
  });
})();

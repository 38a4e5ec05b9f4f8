// Progressive enhancement only: every link here works without this script.
(() => {
  const dialog = document.querySelector(".zoom-dialog");
  const zoom = document.querySelector("[data-zoom]");
  if (!dialog || !zoom || typeof dialog.showModal !== "function") return;
  zoom.addEventListener("click", (event) => {
    event.preventDefault();
    const image = dialog.querySelector("img") ?? dialog.appendChild(document.createElement("img"));
    image.alt = zoom.querySelector("img")?.alt ?? "";
    image.src = zoom.getAttribute("href");
    dialog.showModal();
  });
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog || event.target.closest(".zoom-close")) dialog.close();
  });
})();

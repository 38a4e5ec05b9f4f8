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
    // The enlarged photo keeps its caption and credit: a photo is never shown without them.
    const caption = dialog.querySelector("p") ?? dialog.appendChild(document.createElement("p"));
    const figure = zoom.closest("figure");
    caption.className = "zoom-caption";
    caption.textContent = [figure?.querySelector(".caption")?.textContent, figure?.querySelector(".credit")?.textContent]
      .map((text) => text?.trim()).filter(Boolean).join(" — ");
    dialog.showModal();
  });
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog || event.target.closest(".zoom-close")) dialog.close();
  });
})();

(() => {
  for (const link of document.querySelectorAll("[data-copy]")) {
    if (!navigator.clipboard) return;
    const status = link.closest(".share")?.querySelector(".share-status");
    link.addEventListener("click", async (event) => {
      event.preventDefault();
      try {
        await navigator.clipboard.writeText(link.href);
        if (status) status.textContent = "Tautan disalin.";
      } catch {
        if (status) status.textContent = "Tautan tidak dapat disalin; tekan lama tautannya untuk menyalin.";
      }
    });
  }
})();

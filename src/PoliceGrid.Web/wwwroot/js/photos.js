// Photos are made smaller on the phone before upload (issue 13): a camera's 3–5 MB picture becomes about 1,600 px and
// well under the server's limit, with a preview, so it is not refused after a slow upload. The server still checks
// the bytes. Without this script the photo goes as taken.
import imageCompression from "/lib/browser-image-compression/browser-image-compression.mjs";

for (const input of document.querySelectorAll("input[type=file][data-resize]")) {
  const preview = document.createElement("div");
  preview.className = "previews";
  preview.dataset.test = "photo-previews";
  input.after(preview);
  input.addEventListener("change", async () => {
    const maxBytes = Number(input.dataset.maxBytes) || 2 * 1024 * 1024;
    const files = [...input.files];
    if (files.length === 0 || input.dataset.busy) return;
    input.dataset.busy = "1";
    const smaller = new DataTransfer();
    for (const file of files) {
      let kept = file;
      try {
        kept = await imageCompression(file, { maxWidthOrHeight: 1600, maxSizeMB: (maxBytes * 0.8) / (1024 * 1024), useWebWorker: false, fileType: "image/jpeg", initialQuality: 0.8 });
        kept = new File([kept], file.name.replace(/\.[^.]+$/, "") + ".jpg", { type: "image/jpeg", lastModified: file.lastModified });
      } catch {
        kept = file; // not an image the browser can read: the server says what is wrong with it
      }
      smaller.items.add(kept);
    }
    input.files = smaller.files;
    delete input.dataset.busy;
    preview.replaceChildren(...[...input.files].map((file) => Object.assign(document.createElement("img"), {
      className: "thumb", src: URL.createObjectURL(file), alt: file.name,
    })));
  });
}

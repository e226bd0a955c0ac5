// Enlarges one image: a lightbox over the view, after asking the host for fullscreen where it offers it
// (ui/request-display-mode), and back to inline when the lightbox closes.
import { button, element } from "./dom.js";

/** The view's lightbox: one at a time. */
export function createLightbox(app) {
  let open = null;

  function onKey(event) {
    if (event.key === "Escape") {
      close();
    }
  }

  /** Shows the image (its current source) large with its caption; Escape, Close or a click beside the image closes it. */
  async function enlarge(img, caption) {
    close();
    const box = element("div", "lightbox");
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-modal", "true");
    box.setAttribute("aria-label", "Enlarged image");
    const large = element("img", "lightbox-image");
    large.src = img.src;
    large.alt = img.alt;
    const bar = element("div", "lightbox-bar");
    const shut = button("Close", "close-lightbox", true, () => close());
    bar.append(element("span", "facts", caption), shut);
    box.append(large, bar);
    box.addEventListener("click", (event) => event.target === box && close());
    document.addEventListener("keydown", onKey);
    document.body.append(box);
    const state = { box, fullscreen: false };
    open = state;
    shut.focus();

    const context = app.getHostContext();
    // Inline, the view is only as tall as its content: make room for the image at the view's full width (within the
    // host's maximum height), and the host grows the frame (autoResize).
    const ratio = img.naturalWidth > 0 ? img.naturalHeight / img.naturalWidth : 1;
    const needed = Math.ceil(document.documentElement.clientWidth * ratio) + 64;
    const limit = context?.containerDimensions?.maxHeight ?? context?.containerDimensions?.height ?? needed;
    document.documentElement.style.minHeight = `${Math.min(needed, limit)}px`;
    if (context?.displayMode !== "fullscreen" && context?.availableDisplayModes?.includes("fullscreen")) {
      try {
        const { mode } = await app.requestDisplayMode({ mode: "fullscreen" });
        if (mode === "fullscreen" && open === state) {
          state.fullscreen = true;
          box.classList.add("fullscreen");
        } else if (mode === "fullscreen") {
          await app.requestDisplayMode({ mode: "inline" }); // closed while the host was switching
        }
      } catch {
        // The lightbox alone still enlarges the image.
      }
    }
  }

  /** Closes the lightbox, and returns to inline if opening it entered fullscreen. */
  function close() {
    if (!open) {
      return;
    }
    const { box, fullscreen } = open;
    open = null;
    box.remove();
    document.documentElement.style.minHeight = "";
    document.removeEventListener("keydown", onKey);
    if (fullscreen) {
      app.requestDisplayMode({ mode: "inline" }).catch(() => {});
    }
  }

  /** The host left fullscreen on its own (its own Escape or button): the lightbox closes with it. */
  function displayModeChanged(mode) {
    if (open?.fullscreen && mode !== "fullscreen") {
      open.fullscreen = false;
      close();
    }
  }

  return { enlarge, close, displayModeChanged };
}

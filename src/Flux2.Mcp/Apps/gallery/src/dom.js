// Small DOM helpers shared by the gallery's parts: elements, buttons, per-card status lines and copy buttons.

/** A new element with an optional class and text. */
export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text != null) {
    node.textContent = text;
  }
  return node;
}

/** A type=button button that names its action in data-action (what the tests and assistive tools look for). */
export function button(label, action, enabled, onClick) {
  const control = element("button", null, label);
  control.type = "button";
  control.dataset.action = action;
  control.disabled = !enabled;
  control.addEventListener("click", onClick);
  return control;
}

/**
 * Sets one of a card's status lines (saved, downloaded, variations, ...), each kept on its own so that one action's outcome
 * never hides another's. An empty text removes the line. Tone: "ok", "error" or "" (neutral).
 */
export function setLine(lines, key, text, tone = "") {
  let line = lines.querySelector(`[data-line="${key}"]`);
  if (!text) {
    line?.remove();
    return;
  }
  if (!line) {
    line = element("span", "note");
    line.dataset.line = key;
    lines.append(line);
  }
  line.textContent = text;
  line.classList.toggle("ok", tone === "ok");
  line.classList.toggle("error", tone === "error");
}

/**
 * A small "Copy" button for a text (prompt, revised prompt, seed). The clipboard API needs the host to grant clipboard-write
 * to the view (the resource asks for it); where it does not, the view falls back to a selected text area and
 * execCommand("copy"), and as a last resort tells the user to press Ctrl+C on the selection.
 */
export function copyButton(what, text, label = "Copy") {
  const control = button(label, `copy-${what}`, true, async () => {
    const copied = await copyText(text);
    control.textContent = copied ? "Copied" : "Press Ctrl+C";
    control.classList.toggle("done", copied);
    setTimeout(() => {
      control.textContent = label;
      control.classList.remove("done");
    }, 1500);
  });
  control.classList.add("copy");
  control.title = `Copy the ${what.replace("-", " ")}`;
  control.setAttribute("aria-label", control.title);
  return control;
}

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Not granted to this frame: try the older way.
  }
  const area = element("textarea", "copy-source");
  area.value = text;
  area.readOnly = true;
  document.body.append(area);
  area.select();
  let copied = false;
  try {
    copied = document.execCommand("copy");
  } catch {
    copied = false;
  }
  if (copied) {
    area.remove();
  } else {
    // Leave the text selected on screen for the user to copy by hand; it goes away once it loses focus.
    area.classList.add("visible");
    area.addEventListener("blur", () => area.remove(), { once: true });
    area.focus();
    area.select();
  }
  return copied;
}

/** The message of anything thrown. */
export function message(error) {
  return error instanceof Error ? error.message : String(error);
}

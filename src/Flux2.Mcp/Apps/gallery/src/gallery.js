// The MCP Apps view of generate_image results (ui://flux2/gallery). It runs inside the host's sandboxed iframe, talks to
// the host only through the official App API (postMessage JSON-RPC), and reaches the server only through the host:
// resources/read for flux2://images/{id}, tools/call for download_image and generate_image. No network, no storage.
import { App, applyDocumentTheme, applyHostStyleVariables } from "@modelcontextprotocol/ext-apps";

const GENERATE = "generate_image";
const DOWNLOAD = "download_image";
const MAX_IMAGES_PER_CALL = 4;

const main = document.getElementById("gallery");
const status = document.getElementById("status");

/** The arguments of the tool call this view shows (ui/notifications/tool-input): the prompt and the model. */
let toolArguments = {};

const app = new App({ name: "flux2-gallery", version: "1.0.0" }, {}, { autoResize: true });

// Handlers first: the host sends tool-input and tool-result once, right after the handshake.
app.ontoolinput = ({ arguments: args }) => {
  toolArguments = args ?? {};
  setStatus("Generating…");
};
app.ontoolresult = (result) => {
  showBatch(result, toolArguments);
};
app.ontoolcancelled = ({ reason }) => {
  setStatus(`The generation was cancelled${reason ? `: ${reason}` : "."}`, true);
};
app.onhostcontextchanged = (context) => applyContext(context);
app.onteardown = async () => ({});

app.connect().then(
  () => {
    applyContext(app.getHostContext());
    if (!canCallTools()) {
      setStatus("This host cannot call tools from a view: save, variations and refine are unavailable here.");
    }
  },
  (error) => setStatus(`Could not connect to the host: ${message(error)}`, true),
);

function applyContext(context) {
  if (context?.theme) {
    applyDocumentTheme(context.theme);
  }
  if (context?.styles?.variables) {
    applyHostStyleVariables(context.styles.variables);
  }
}

function canCallTools() {
  return Boolean(app.getHostCapabilities()?.serverTools);
}

function canReadResources() {
  return Boolean(app.getHostCapabilities()?.serverResources);
}

function setStatus(text, isError = false) {
  status.textContent = text;
  status.classList.toggle("error", isError);
}

function message(error) {
  return error instanceof Error ? error.message : String(error);
}

/** The text of a tool error (isError results carry the explanation as text content). */
function errorText(result) {
  return (result.content ?? []).filter((b) => b.type === "text").map((b) => b.text).join("\n") || "the tool failed";
}

/**
 * Reads a generate_image result in any of the server's result shapes: structured content (the default), the same JSON
 * as text (ResultShape=structured), or only resource links (ResultShape=content). Previews are the image blocks, in order.
 */
function readResult(result) {
  const previews = (result.content ?? []).filter((b) => b.type === "image").map((b) => `data:${b.mimeType};base64,${b.data}`);
  let output = result.structuredContent;
  if (!output) {
    const text = (result.content ?? []).find((b) => b.type === "text")?.text;
    try {
      output = text?.trimStart().startsWith("{") ? JSON.parse(text) : undefined;
    } catch {
      output = undefined;
    }
  }
  if (!output) {
    const links = (result.content ?? []).filter((b) => b.type === "resource_link");
    output = {
      images: links.map((link) => {
        const [, width, height] = /^(\d+)x(\d+)/.exec(link.description ?? "") ?? [];
        return { id: link.uri.split("/").pop(), uri: link.uri, content_type: link.mimeType, bytes: link.size, width: Number(width) || undefined, height: Number(height) || undefined };
      }),
    };
  }
  const stored = (output.images ?? []).filter((image) => image.uri);
  return { output, images: stored.map((image, index) => ({ ...image, preview: previews[index] })) };
}

function showBatch(result, args) {
  main.setAttribute("aria-busy", "false");
  if (result.isError) {
    setStatus(errorText(result), true);
    return;
  }
  const { output, images } = readResult(result);
  if (images.length === 0) {
    setStatus("The result has no stored images (see the warnings in the text result).", true);
    return;
  }
  setStatus(`${images.length} image${images.length === 1 ? "" : "s"}${output.simulated ? " from the built-in simulator" : ""}.`);
  main.insertBefore(renderBatch(output, images, args), status.nextSibling);
}

function renderBatch(output, images, args) {
  const batch = element("section", "batch");
  batch.append(element("h2", "batch-prompt", args.prompt ?? "(prompt not shared by the host)"));
  const facts = [output.model, output.provider, output.seed != null ? `seed ${output.seed}` : null, cost(output.cost)].filter(Boolean);
  const meta = element("p", "batch-meta", facts.join(" · "));
  if (output.simulated) {
    meta.append(element("span", "badge", "simulated"));
  }
  batch.append(meta);
  for (const warning of output.warnings ?? []) {
    batch.append(element("p", "batch-meta", `⚠ ${warning}`));
  }
  const grid = element("div", "grid");
  for (const image of images) {
    grid.append(renderCard(image, output, args));
  }
  batch.append(grid);
  return batch;
}

function cost(value) {
  const usd = value?.actual_usd ?? value?.estimated_usd;
  return usd == null ? null : `$${Number(usd).toFixed(3)}${value.actual_usd == null ? " est." : ""}`;
}

function renderCard(image, output, args) {
  const card = element("figure", "card");
  card.dataset.uri = image.uri;
  const frame = element("div", "frame");
  if (image.width && image.height) {
    frame.style.setProperty("--ratio", `${image.width} / ${image.height}`);
  }
  const img = element("img", "flux2-image");
  img.alt = args.prompt ? `Generated: ${args.prompt}` : `Generated image ${image.id}`;
  if (image.preview) {
    img.src = image.preview;
    img.dataset.source = "preview";
  }
  frame.append(img);
  card.append(frame);
  loadFullImage(image, img);

  const caption = element("figcaption");
  const facts = [
    image.width && image.height ? `${image.width}×${image.height}` : null,
    image.content_type?.replace("image/", ""),
    image.seed != null ? `seed ${image.seed}` : output.seed != null ? `seed ${output.seed}` : null,
    image.bytes ? `${Math.round(image.bytes / 1024)} KB` : null,
  ].filter(Boolean);
  caption.append(element("span", "facts", facts.join(" · ")));

  const note = element("span", "note");
  const actions = element("div", "actions");
  const enabled = canCallTools();
  const save = button("Save", "save", enabled, () => saveImage(image, save, note));
  const variations = button("Variations", "variations", enabled, () => makeVariations(image, output, args, variations, note));
  const refine = button("Refine…", "refine", enabled, () => toggleRefine(caption, image, output, args, note));
  actions.append(save, variations, refine);
  caption.append(actions, note);
  card.append(caption);
  return card;
}

/** Replaces the preview with the full image, read from flux2://images/{id} through the host. */
async function loadFullImage(image, img) {
  if (!canReadResources()) {
    return;
  }
  try {
    const read = await app.readServerResource({ uri: image.uri });
    const blob = read.contents?.find((c) => c.blob);
    if (blob) {
      img.src = `data:${blob.mimeType ?? image.content_type ?? "image/png"};base64,${blob.blob}`;
      img.dataset.source = "resource";
    }
  } catch (error) {
    if (!image.preview) {
      img.alt = `Could not read ${image.uri}: ${message(error)}`;
    }
  }
}

async function callTool(name, args) {
  const result = await app.callServerTool({ name, arguments: args });
  if (result.isError) {
    throw new Error(errorText(result));
  }
  return result;
}

async function saveImage(image, control, note) {
  await busy(control, note, "Saving…", async () => {
    const result = await callTool(DOWNLOAD, { url: image.uri });
    const path = result.structuredContent?.path;
    showNote(note, path ? `Saved to ${path}` : errorText(result), false);
  });
}

async function makeVariations(image, output, args, control, note) {
  if (!args.prompt) {
    showNote(note, "The host did not share the prompt, so variations cannot reuse it.", true);
    return;
  }
  const count = Math.min(MAX_IMAGES_PER_CALL, Math.max(1, output.images?.length ?? 1));
  const next = {
    prompt: args.prompt,
    model: output.model ?? args.model,
    num_images: count,
    seed: Math.floor(Math.random() * 2 ** 31),
    ...(image.width && image.height ? { size: `${image.width}x${image.height}` } : {}),
  };
  await busy(control, note, `Making ${count} variation${count === 1 ? "" : "s"}…`, async () => {
    const result = await callTool(GENERATE, next);
    showBatch(result, next);
    showNote(note, "Variations added above.", false);
    await tellModel(`The user made variations of ${image.uri} in the gallery`, result);
  });
}

function toggleRefine(caption, image, output, args, note) {
  const open = caption.querySelector(".refine");
  if (open) {
    open.remove();
    return;
  }
  // No <form>: sandboxed views usually lack allow-forms, and a blocked submission never fires its submit event.
  const panel = element("div", "refine");
  const input = element("input");
  input.name = "prompt";
  input.value = args.prompt ?? "";
  input.setAttribute("aria-label", "New prompt for the refined image");
  const go = button("Refine", "refine-submit", true, () => submit());
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      submit();
    }
  });
  panel.append(input, go);
  caption.insertBefore(panel, note);
  input.focus();

  function submit() {
    const next = {
      prompt: input.value.trim(),
      reference_images: [image.uri],
      model: output.model ?? args.model,
      ...(image.width && image.height ? { size: `${image.width}x${image.height}` } : {}),
    };
    if (!next.prompt || go.disabled) {
      return;
    }
    busy(go, note, "Refining…", async () => {
      const result = await callTool(GENERATE, next);
      panel.remove();
      showBatch(result, next);
      showNote(note, "Refined image added above.", false);
      await tellModel(`The user refined ${image.uri} in the gallery with the prompt "${next.prompt}"`, result);
    });
  }
}

/** Lets the model know about images made from the view, where the host accepts context updates. */
async function tellModel(what, result) {
  if (!app.getHostCapabilities()?.updateModelContext) {
    return;
  }
  const uris = readResult(result).images.map((i) => i.uri).join(", ");
  try {
    await app.updateModelContext({ content: [{ type: "text", text: `${what}: ${uris}.` }] });
  } catch {
    // Context updates are a courtesy; the images are shown either way.
  }
}

async function busy(control, note, text, work) {
  control.disabled = true;
  showNote(note, text, false);
  note.classList.remove("ok");
  try {
    await work();
  } catch (error) {
    showNote(note, message(error), true);
  } finally {
    control.disabled = false;
  }
}

function showNote(note, text, isError) {
  note.textContent = text;
  note.classList.toggle("error", isError);
  note.classList.toggle("ok", !isError);
}

function button(label, action, enabled, onClick) {
  const control = element("button", null, label);
  control.type = "button";
  control.dataset.action = action;
  control.disabled = !enabled;
  control.addEventListener("click", onClick);
  return control;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text != null) {
    node.textContent = text;
  }
  return node;
}

// The MCP Apps view of generate_image results (ui://flux2/gallery). It runs inside the host's sandboxed iframe, talks to
// the host only through the official App API (postMessage JSON-RPC), and reaches the server only through the host:
// resources/read for flux2://images/{id} and flux2://jobs/{id}, tools/call for generate_image and download_image. No
// network, no storage: a reloaded view starts again from the tool result the host hands it (a pending result's job handle
// included) and reads the job's current state at once.
import { App, applyDocumentTheme, applyHostStyleVariables } from "@modelcontextprotocol/ext-apps";
import { button, copyButton, element, message, setLine } from "./dom.js";
import { describeEnd, describeProgress, watchJob } from "./job.js";
import { createLightbox } from "./lightbox.js";
import { fileName, saveImage, saveRoute } from "./save.js";

const GENERATE = "generate_image";
const MAX_IMAGES_PER_CALL = 4;
const JOB_URI = /^flux2:\/\/jobs\/([0-9a-f]+)$/;

const main = document.getElementById("gallery");
const status = document.getElementById("status");

/** The arguments of the tool call this view shows (ui/notifications/tool-input): the prompt and the model. */
let toolArguments = {};

/** Stops every job this view is watching (on teardown). */
const watchers = new Set();

const app = new App({ name: "flux2-gallery", version: "1.1.0" }, { availableDisplayModes: ["inline", "fullscreen"] }, { autoResize: true });
const lightbox = createLightbox(app);

// Handlers first: the host sends tool-input and tool-result once, right after the handshake (again after a reload).
app.ontoolinput = ({ arguments: args }) => {
  toolArguments = args ?? {};
  setStatus("Generating…");
};
app.ontoolresult = (result) => {
  addResult(result, toolArguments, "The images of the generate_image job are ready");
};
app.ontoolcancelled = ({ reason }) => {
  setStatus(`The generation was cancelled${reason ? `: ${reason}` : "."}`, true);
};
app.onhostcontextchanged = (context) => {
  applyContext(context);
  if (context.displayMode) {
    lightbox.displayModeChanged(context.displayMode);
  }
};
app.onteardown = async () => {
  for (const stop of watchers) {
    stop();
  }
  watchers.clear();
  return {};
};

app.connect().then(
  () => {
    applyContext(app.getHostContext());
    if (!canCallTools()) {
      setStatus("This host cannot call tools from a view: variations and refine are unavailable here.");
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

/** The text of a tool error (isError results carry the explanation as text content). */
function errorText(result) {
  return (result.content ?? []).filter((b) => b.type === "text").map((b) => b.text).join("\n") || "the tool failed";
}

/**
 * Reads a generate_image result in any of the server's result shapes: structured content (the default), the same JSON
 * as text (ResultShape=structured), or only resource links (ResultShape=content). Previews are the image blocks, in order.
 * A call still running at the server's MaxWaitSeconds is pending: status "working" and the job's handle.
 */
function readResult(result, args) {
  const previews = (result.content ?? []).filter((b) => b.type === "image").map((b) => `data:${b.mimeType};base64,${b.data}`);
  const links = (result.content ?? []).filter((b) => b.type === "resource_link");
  let output = result.structuredContent;
  if (!output) {
    const text = (result.content ?? []).find((b) => b.type === "text")?.text;
    try {
      output = text?.trimStart().startsWith("{") ? JSON.parse(text) : undefined;
    } catch {
      output = undefined;
    }
  }
  const jobLink = links.find((link) => JOB_URI.test(link.uri));
  if (!output && jobLink) {
    output = { status: "working", job_uri: jobLink.uri, job_id: JOB_URI.exec(jobLink.uri)[1], num_images: args.num_images ?? 1 };
  }
  if (output?.status === "working" && JOB_URI.test(output.job_uri ?? "")) {
    return { pending: output };
  }
  if (!output) {
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

/**
 * Shows a tool result above the earlier ones: its images, or placeholders that follow the job when it is still running,
 * or the tool's error. `ready` is what the model is told once a pending job's images are in. Returns the new section.
 */
function addResult(result, args, ready) {
  main.setAttribute("aria-busy", "false");
  if (result.isError) {
    setStatus(errorText(result), true);
    return null;
  }
  const read = readResult(result, args);
  if (read.pending) {
    const count = Number(read.pending.num_images) || 1;
    setStatus(`Making ${count} image${count === 1 ? "" : "s"}: they appear here when done.`);
    return insert(renderPending(read.pending, args, ready));
  }
  if (read.images.length === 0) {
    setStatus("The result has no stored images (see the warnings in the text result).", true);
    return null;
  }
  setStatus(`${read.images.length} image${read.images.length === 1 ? "" : "s"}${read.output.simulated ? " from the built-in simulator" : ""}.`);
  return insert(renderBatch(read.output, read.images, args));
}

function insert(section) {
  main.insertBefore(section, status.nextSibling);
  return section;
}

function batchHead(section, args) {
  const head = element("div", "batch-head");
  head.append(element("h2", "batch-prompt", args.prompt ?? "(prompt not shared by the host)"));
  if (args.prompt) {
    head.append(copyButton("prompt", args.prompt));
  }
  section.append(head);
}

function grid(count) {
  const node = element("div", "grid");
  // One image takes the whole width, two share it, three sit in a row, four make two rows of two.
  node.style.setProperty("--columns", String(count >= 4 ? 2 : Math.max(1, count)));
  node.dataset.count = String(count);
  return node;
}

/** The aspect ratio a placeholder keeps until its image arrives: from the call's WIDTHxHEIGHT size, else square. */
function requestedRatio(args) {
  const [, width, height] = /^(\d+)x(\d+)$/.exec(String(args.size ?? "")) ?? [];
  return width && height ? `${width} / ${height}` : null;
}

/** One placeholder card in the grid: where its image will be, the job's phase, a progress bar and the job's message. */
function placeholder(tiles, ratio) {
  const card = element("figure", "card placeholder");
  const frame = element("div", "frame");
  if (ratio) {
    frame.style.setProperty("--ratio", ratio);
  }
  const box = element("div", "progress");
  const phase = element("span", "phase");
  const bar = element("div", "bar");
  const fill = element("div", "bar-fill");
  bar.append(fill);
  bar.setAttribute("role", "progressbar");
  const line = element("span", "progress-message");
  box.append(phase, bar, line);
  frame.append(box);
  card.append(frame);
  tiles.append(card);
  return { phase, bar, fill, line };
}

/** Placeholders for a job still running, with its live status; they become the images when it completes. */
function renderPending(pending, args, ready) {
  const count = Math.max(1, Math.min(MAX_IMAGES_PER_CALL, Number(pending.num_images) || 1));
  const section = element("section", "batch pending");
  section.dataset.job = pending.job_id ?? "";
  batchHead(section, args);
  const meta = element("p", "batch-meta", `Working on ${count} image${count === 1 ? "" : "s"} · ${pending.job_uri}`);
  section.append(meta);
  const cells = element("div");
  const tiles = grid(count);
  const views = Array.from({ length: count }, () => placeholder(tiles, requestedRatio(args)));
  cells.append(tiles);
  section.append(cells);

  const show = (progress, text) => {
    for (const view of views) {
      view.phase.textContent = describeProgress(progress);
      const fraction = typeof progress?.fraction === "number" ? Math.min(1, Math.max(0, progress.fraction)) : null;
      view.bar.classList.toggle("indeterminate", fraction == null);
      view.fill.style.width = fraction == null ? "" : `${Math.round(fraction * 100)}%`;
      if (fraction == null) {
        view.bar.removeAttribute("aria-valuenow");
      } else {
        view.bar.setAttribute("aria-valuenow", String(Math.round(fraction * 100)));
      }
      view.line.textContent = progress?.message ?? text ?? "";
    }
    section.dataset.status = progress?.status ?? "submitted";
  };
  show(pending.progress);

  if (!canReadResources()) {
    meta.textContent = `This host cannot read resources from a view: ask the assistant to read ${pending.job_uri} for the images.`;
    return section;
  }

  const lost = element("p", "batch-meta error");
  const stop = watchJob(app, { uri: pending.job_uri, pollIntervalMs: pending.poll_interval_ms }, {
    progress(document) {
      lost.remove();
      show(document.progress, document.message);
    },
    completed(document, blobs) {
      watchers.delete(stop);
      const output = document.result ?? {};
      const images = (output.images ?? []).filter((image) => image.uri).map((image) => ({ ...image, data: blobs.get(image.uri) }));
      if (images.length === 0) {
        end("completed", "Done", `The job finished without stored images${output.warnings?.length ? `: ${output.warnings.join(" ")}` : "."}`);
        return;
      }
      const batch = renderBatch(output, images, args);
      section.replaceWith(batch);
      setStatus(`${images.length} image${images.length === 1 ? "" : "s"}${output.simulated ? " from the built-in simulator" : ""}.`);
      tellModel(ready, images);
    },
    ended(document) {
      end(document.status, document.status === "cancelled" ? "Cancelled" : "Failed", describeEnd(document));
    },
    gone(text) {
      end("gone", "Unknown job", text);
    },
    unreachable(text, retry) {
      lost.replaceChildren(element("span", null, `${text} `), button("Check again", "check-job", true, () => {
        lost.remove();
        retry();
      }));
      section.append(lost);
    },
  });
  watchers.add(stop);

  /** The job ended without images: say so where the placeholders were, and stop waiting. */
  function end(state, word, reason) {
    watchers.delete(stop);
    section.classList.add("ended");
    section.dataset.status = state;
    meta.textContent = `${word} · ${pending.job_uri}`;
    cells.replaceChildren(element("p", "batch-meta error", reason));
    setStatus(`No images were made (${word.toLowerCase()}).`, true);
  }

  return section;
}

function renderBatch(output, images, args) {
  const batch = element("section", "batch");
  batchHead(batch, args);
  if (output.revised_prompt) {
    // FLUX 3 expands the prompt before it runs: the prompt the model actually ran, folded away but at hand.
    const revised = element("details", "revised");
    const summary = element("summary", null, "Revised prompt ");
    summary.append(element("span", "revised-preview", output.revised_prompt));
    const body = element("div", "revised-body");
    body.append(element("p", "revised-text", output.revised_prompt), copyButton("revised-prompt", output.revised_prompt));
    revised.append(summary, body);
    batch.append(revised);
  }
  const facts = [output.model, output.provider, output.seed != null ? `seed ${output.seed}` : null, cost(output.cost)].filter(Boolean);
  const meta = element("p", "batch-meta", facts.join(" · "));
  if (output.grounding === true || (output.grounding && typeof output.grounding === "object")) {
    const badge = element("span", "badge", "grounded");
    badge.title = "The model searched the web and images for the prompt before generating";
    meta.append(badge);
  }
  if (output.simulated) {
    meta.append(element("span", "badge", "simulated"));
  }
  batch.append(meta);
  for (const warning of output.warnings ?? []) {
    batch.append(element("p", "batch-meta", `⚠ ${warning}`));
  }
  const tiles = grid(images.length);
  images.forEach((image) => tiles.append(renderCard(image, output, args)));
  batch.append(tiles);
  return batch;
}

function cost(value) {
  const usd = value?.actual_usd ?? value?.estimated_usd;
  return usd == null ? null : `$${Number(usd).toFixed(3)}${value.actual_usd == null ? " est." : ""}`;
}

/** One image with its facts, actions and its own status lines (saved, downloaded, variations, refined). */
function renderCard(image, output, args) {
  const card = element("figure", "card");
  card.dataset.uri = image.uri;
  const frame = element("div", "frame");
  if (image.width && image.height) {
    frame.style.setProperty("--ratio", `${image.width} / ${image.height}`);
  }
  const img = element("img", "flux2-image");
  img.alt = args.prompt ? `Generated: ${args.prompt}` : `Generated image ${image.id}`;
  if (image.data) {
    img.src = `data:${image.data.mimeType ?? image.content_type ?? "image/png"};base64,${image.data.blob}`;
    img.dataset.source = "resource";
  } else {
    if (image.preview) {
      img.src = image.preview;
      img.dataset.source = "preview";
    }
    loadFullImage(image, img);
  }
  const seed = image.seed ?? output.seed;
  const facts = [
    image.width && image.height ? `${image.width}×${image.height}` : null,
    image.content_type?.replace("image/", ""),
    seed != null ? `seed ${seed}` : null,
    image.bytes ? `${Math.round(image.bytes / 1024)} KB` : null,
  ].filter(Boolean).join(" · ");
  const zoom = button("Enlarge", "enlarge", true, () => lightbox.enlarge(img, facts));
  zoom.classList.add("zoom");
  zoom.title = "Enlarge";
  img.addEventListener("click", () => lightbox.enlarge(img, facts));
  frame.append(img, zoom);
  card.append(frame);

  const caption = element("figcaption");
  const factsRow = element("div", "facts-row");
  factsRow.append(element("span", "facts", facts));
  if (image.c2pa === true) {
    const badge = element("span", "badge c2pa", "Content Credentials");
    badge.title = "This image carries C2PA Content Credentials: a signed record of how it was made";
    factsRow.append(badge);
  }
  caption.append(factsRow);

  const lines = element("div", "lines");
  if (image.path) {
    setLine(lines, "saved", `Saved on the server at ${image.path}`, "ok");
  }
  const name = fileName(image, args.prompt, seed);
  const tools = canCallTools();
  const save = button("Save", "save", Boolean(saveRoute(app, image) || image.path), () => run(save, lines, "Saving…", async () => {
    if (!saveRoute(app, image)) {
      // Already in the server's output folder, and this host has no other way: say where, and write no copy.
      setLine(lines, "saved", `Saved on the server at ${image.path}`, "ok");
      return;
    }
    const outcome = await saveImage(app, image, name, () => imageBytes(image), callTool);
    setLine(lines, outcome.path ? "saved" : "downloaded", outcome.text, outcome.tone);
  }));
  save.title = saveRoute(app, image) === "download" ? `Download ${name} through the host` : "Save the image";
  let variationsMade = 0;
  const variations = button("Variations", "variations", tools, () => makeVariations(image, output, args, variations, lines, (count) => {
    variationsMade += count;
    setLine(lines, "variations", `${variationsMade} variation${variationsMade === 1 ? "" : "s"} added above`, "ok");
  }));
  const refine = button("Refine…", "refine", tools, () => toggleRefine(caption, image, output, args, lines));
  const actions = element("div", "actions");
  actions.append(save, variations, refine);
  if (seed != null) {
    actions.append(copyButton("seed", String(seed), "Copy seed"));
  }
  caption.append(actions, lines);
  card.append(caption);
  return card;
}

/** Replaces the preview with the full image, read from flux2://images/{id} through the host. */
async function loadFullImage(image, img) {
  if (!canReadResources()) {
    return;
  }
  try {
    const data = await imageBytes(image);
    if (data) {
      img.src = `data:${data.mimeType ?? image.content_type ?? "image/png"};base64,${data.blob}`;
      img.dataset.source = "resource";
    }
  } catch (error) {
    if (!image.preview) {
      img.alt = `Could not read ${image.uri}: ${message(error)}`;
    }
  }
}

/** The image's bytes (base64) and type, read once from flux2://images/{id} through the host; null where the host cannot. */
async function imageBytes(image) {
  if (image.data) {
    return image.data;
  }
  if (!canReadResources()) {
    return null;
  }
  image.reading ??= app.readServerResource({ uri: image.uri }).then((read) => {
    const blob = read.contents?.find((c) => c.blob);
    image.data = blob ? { blob: blob.blob, mimeType: blob.mimeType ?? image.content_type } : null;
    return image.data;
  }).finally(() => {
    image.reading = null;
  });
  return image.reading;
}

async function callTool(name, args) {
  const result = await app.callServerTool({ name, arguments: args });
  if (result.isError) {
    throw new Error(errorText(result));
  }
  return result;
}

async function makeVariations(image, output, args, control, lines, added) {
  if (!args.prompt) {
    setLine(lines, "error", "The host did not share the prompt, so variations cannot reuse it.", "error");
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
  await run(control, lines, `Making ${count} variation${count === 1 ? "" : "s"}…`, async () => {
    const result = await callTool(GENERATE, next);
    const what = `The user made variations of ${image.uri} in the gallery`;
    addResult(result, next, what);
    added(count);
    await tellModel(what, readResult(result, next).images ?? []);
  });
}

function toggleRefine(caption, image, output, args, lines) {
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
  caption.insertBefore(panel, lines);
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
    run(go, lines, "Refining…", async () => {
      const result = await callTool(GENERATE, next);
      panel.remove();
      const what = `The user refined ${image.uri} in the gallery with the prompt "${next.prompt}"`;
      addResult(result, next, what);
      setLine(lines, "refined", "Refined image added above", "ok");
      await tellModel(what, readResult(result, next).images ?? []);
    });
  }
}

/** Lets the model know about images that reached the view, where the host accepts context updates. */
async function tellModel(what, images) {
  if (images.length === 0 || !app.getHostCapabilities()?.updateModelContext) {
    return;
  }
  try {
    await app.updateModelContext({ content: [{ type: "text", text: `${what}: ${images.map((i) => i.uri).join(", ")}.` }] });
  } catch {
    // Context updates are a courtesy; the images are shown either way.
  }
}

/** Runs a card's action: its button off meanwhile, a busy line, and any failure on the card's error line. */
async function run(control, lines, busyText, work) {
  control.disabled = true;
  setLine(lines, "error", "");
  setLine(lines, "busy", busyText);
  try {
    await work();
  } catch (error) {
    setLine(lines, "error", message(error), "error");
  } finally {
    setLine(lines, "busy", "");
    control.disabled = false;
  }
}

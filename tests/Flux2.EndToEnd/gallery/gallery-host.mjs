// Drives the MCP Apps gallery as a real host would, end to end:
//   1. connects the official MCP client to a running flux2-mcp (streamable HTTP), declaring MCP Apps support;
//   2. finds generate_image's _meta.ui.resourceUri, reads that resource, and calls generate_image for real;
//   3. opens a host page built on ext-apps' AppBridge in headless Chromium (Debian's, through playwright-core), which loads
//      the resource into sandboxed iframes and hands each the tool input and result;
//   4. uses the view as a person would (scenario "finished": copy, save, enlarge, variations, refine, and a FLUX 3 result;
//      scenario "pending": a job still running, a reload while it runs, the images filling in, save, enlarge, a reload
//      after it is done, a handle the server no longer knows, and jobs that fail or are cancelled), taking screenshots.
// Prints one JSON summary line (what the view showed, what reached the host and the server); exits 0 when it ran through.
//
//   node gallery-host.mjs --endpoint http://127.0.0.1:PORT/mcp --chromium /usr/bin/chromium --out DIR
//                         [--scenario finished|pending] [--theme light|dark]
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { getToolUiResourceUri } from "@modelcontextprotocol/ext-apps/app-bridge";
import { build } from "esbuild";
import { chromium } from "playwright-core";

const STEP_TIMEOUT_MS = 60_000;
const PROMPT = "a lighthouse on a cliff at dawn, watercolor";
const here = dirname(fileURLToPath(import.meta.url));
const { values: options } = parseArgs({
  options: {
    endpoint: { type: "string" },
    chromium: { type: "string" },
    out: { type: "string" },
    scenario: { type: "string", default: "finished" },
    theme: { type: "string", default: "light" },
  },
});
for (const name of ["endpoint", "chromium", "out"]) {
  if (!options[name]) {
    throw new Error(`--${name} is required`);
  }
}
mkdirSync(options.out, { recursive: true });

/**
 * Job documents the host answers itself instead of the server, one per read (the last one repeats): for the ends of a job
 * the offline server cannot be driven into from here (a provider failure, a cancel through MCP Tasks), in the shape
 * docs/mcp.md ("resources/read flux2://jobs/{id}") gives them.
 */
const scriptedJobs = new Map();

const summary = { ok: false, scenario: options.scenario, toolCalls: [], jobReads: [], screenshots: [], console: [] };
const cleanups = [];
try {
  await run();
  summary.ok = true;
} catch (error) {
  summary.error = error?.stack ?? String(error);
} finally {
  for (const cleanup of cleanups.reverse()) {
    await cleanup().catch(() => {});
  }
}
console.log(JSON.stringify(summary));
process.exit(summary.ok ? 0 : 1);

async function run() {
  // 1. The official MCP client, declaring the MCP Apps extension as a host does.
  const client = new Client(
    { name: "flux2-gallery-e2e-host", version: "1.0.0" },
    { capabilities: { extensions: { "io.modelcontextprotocol/ui": { mimeTypes: ["text/html;profile=mcp-app"] } } } },
  );
  await client.connect(new StreamableHTTPClientTransport(new URL(options.endpoint)));
  cleanups.push(() => client.close());

  // 2. The tool's view and its resource.
  const { tools } = await client.listTools();
  const generate = tools.find((t) => t.name === "generate_image");
  const resourceUri = getToolUiResourceUri(generate);
  summary.resourceUri = resourceUri ?? null;
  if (!resourceUri) {
    throw new Error(`generate_image has no _meta.ui.resourceUri: ${JSON.stringify(generate?._meta)}`);
  }
  const { resources } = await client.listResources();
  summary.listed = resources.some((r) => r.uri === resourceUri);
  const read = await client.readResource({ uri: resourceUri });
  const view = read.contents[0];
  summary.mimeType = view.mimeType;
  summary.resourceMeta = view._meta ?? null;
  summary.htmlBytes = Buffer.byteLength(view.text ?? "");

  const host = await openHost(client, view);
  if (options.scenario === "pending") {
    await pendingScenario(client, host);
  } else {
    await finishedScenario(client, host);
  }
  summary.hostLog = await host.page.evaluate(() => window.hostLog);
  summary.external = host.external;
}

/** 3. The host page in headless Chromium: AppBridge bundled for the browser, served from loopback. */
async function openHost(client, view) {
  const bundle = await build({
    entryPoints: [join(here, "host-page.js")],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: ["es2022"],
    logLevel: "warning",
  });
  const hostScript = bundle.outputFiles[0].text;
  const hostPage = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Flux2 MCP Apps test host</title>
<style>:root{color-scheme:light dark}body{margin:0;font:14px system-ui,sans-serif;background:light-dark(#eef0f3,#111)}#chat{max-width:900px;margin:16px auto}
iframe{display:block;width:100%;height:200px;margin-bottom:16px;border:1px solid #c8ccd2;border-radius:10px;background:#fff}
iframe.fullscreen{position:fixed;inset:0;width:100vw;height:100vh;margin:0;border:0;border-radius:0;z-index:10}</style></head>
<body><div id="chat"><p>tool call: generate_image</p></div><script src="/host.js"></script></body></html>`;
  const server = createServer((request, response) => {
    const [type, body] = request.url === "/host.js" ? ["text/javascript", hostScript] : ["text/html", hostPage];
    response.writeHead(200, { "content-type": `${type}; charset=utf-8`, "cache-control": "no-store" });
    response.end(body);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  const hostUrl = `http://127.0.0.1:${server.address().port}/`;

  const profile = mkdtempSync(join(tmpdir(), "flux2-gallery-chromium-"));
  cleanups.push(async () => rmSync(profile, { recursive: true, force: true }));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: options.chromium,
    headless: true,
    timeout: STEP_TIMEOUT_MS,
    viewport: { width: 960, height: 900 },
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  cleanups.push(() => browser.close());
  await browser.grantPermissions(["clipboard-read", "clipboard-write"], { origin: hostUrl });
  const page = browser.pages()[0] ?? (await browser.newPage());
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  // The SDK's own debug chatter is left out; warnings, errors (a CSP violation among them) and logs are kept.
  page.on("console", (message) => message.type() !== "debug" && summary.console.push(`${message.type()}: ${message.text()}`));
  page.on("pageerror", (error) => summary.console.push(`pageerror: ${error.message}`));
  // Nothing but the host page may be fetched: the views must need no network at all.
  const external = [];
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(hostUrl)) {
      return route.continue();
    }
    external.push(url);
    return route.abort();
  });

  // A server's JSON-RPC error goes back to the page as { hostError: { code, message } } (an exposed function's exception
  // would keep only its message); the page throws it on with its code, as a host relays the server's error to the view.
  const relay = (work) => async (params) => {
    try {
      return await work(params);
    } catch (error) {
      return { hostError: { code: Number.isSafeInteger(error?.code) ? error.code : -32603, message: error?.message ?? String(error) } };
    }
  };
  await page.exposeFunction("mcpCallTool", relay(async (params) => {
    const result = await client.callTool(params);
    summary.toolCalls.push({ name: params.name, arguments: params.arguments, isError: Boolean(result.isError), structuredContent: result.structuredContent ?? null });
    return result;
  }));
  await page.exposeFunction("mcpReadResource", relay(async (params) => {
    summary.resourceReads = (summary.resourceReads ?? 0) + 1;
    const script = scriptedJobs.get(params.uri);
    if (script) {
      const document = script.length > 1 ? script.shift() : script[0];
      summary.jobReads.push({ uri: params.uri, status: document.status, progress: document.progress ?? null, blobs: 0, result: null, scripted: true });
      return { contents: [{ uri: params.uri, mimeType: "application/json", text: JSON.stringify(document) }] };
    }
    let result;
    try {
      result = await client.readResource(params);
    } catch (error) {
      if (params.uri.startsWith("flux2://jobs/")) {
        summary.jobReads.push({ uri: params.uri, status: null, error: { code: error?.code ?? null, message: error?.message ?? String(error) } });
      }
      throw error;
    }
    if (params.uri.startsWith("flux2://jobs/")) {
      const document = JSON.parse(result.contents[0].text);
      summary.jobReads.push({ uri: params.uri, status: document.status, progress: document.progress ?? null, blobs: result.contents.length - 1, result: document.result ?? null });
    }
    return result;
  }));
  // ui/download-file: the file lands in OUT/downloads/{view}/, as a browser puts it in the user's Downloads folder.
  const downloads = join(options.out, "downloads");
  rmSync(downloads, { recursive: true, force: true });
  await page.exposeFunction("hostDownload", async ({ view, name, blob }) => {
    if (!blob) {
      return { path: null, bytes: 0 };
    }
    const folder = join(downloads, view);
    mkdirSync(folder, { recursive: true });
    const bytes = Buffer.from(blob, "base64");
    const path = join(folder, name);
    writeFileSync(path, bytes);
    return { path, bytes: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") };
  });
  // ui/open-link: instead of opening a browser tab, fetch what the link leads to.
  await page.exposeFunction("hostOpenLink", async (url) => {
    const response = await fetch(url);
    const bytes = Buffer.from(await response.arrayBuffer());
    return { status: response.status, contentType: response.headers.get("content-type"), bytes: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") };
  });

  await page.goto(hostUrl);
  const start = (id, toolInput, toolResult, features) =>
    page.evaluate((args) => window.startView(args), { id, html: view.text, meta: view._meta, toolInput, toolResult, theme: options.theme, features });
  return { page, external, start, frame: (id) => page.frameLocator(`#view-${id}`) };
}

/** A finished result: render, copy, save through the host twice, enlarge in fullscreen, variations, refine, FLUX 3 fields. */
async function finishedScenario(client, host) {
  const { page } = host;
  const toolInput = { prompt: PROMPT, num_images: 2, seed: 7, size: "768x512" };
  const toolResult = await client.callTool({ name: "generate_image", arguments: toolInput });
  if (toolResult.isError || toolResult.structuredContent?.status) {
    throw new Error(`generate_image did not finish: ${JSON.stringify(toolResult.content)}`);
  }
  summary.generated = toolResult.structuredContent;
  await host.start("main", toolInput, toolResult, { downloadFile: true, openLinks: true, fullscreen: true });

  // The view renders every image; the full images, read from flux2://images/{id} through the host, replace the previews.
  const frame = host.frame("main");
  const expected = toolResult.structuredContent.images.length;
  const images = frame.locator("img.flux2-image");
  await waitForImages(images, expected);
  summary.images = await imageFacts(images);
  summary.prompt = await frame.locator(".batch-prompt").first().textContent();
  summary.meta = await frame.locator(".batch-meta").first().textContent();
  summary.captions = await frame.locator("figcaption .facts").allTextContents();
  summary.layout = await layout(frame.locator("section.batch").first());
  await screenshot(page, "gallery.png");

  // Copy: the prompt, then the second image's seed, reach the clipboard.
  // The result's own batch: new batches are added above it, so it stays the last one.
  const batch = frame.locator("section.batch").last();
  const cards = batch.locator("figure.card");
  summary.clipboard = {};
  await batch.locator("button[data-action=copy-prompt]").click();
  summary.clipboard.prompt = await clipboardAfter(page, (text) => text === PROMPT);
  await cards.nth(1).locator("button[data-action=copy-seed]").click();
  summary.clipboard.seed = await clipboardAfter(page, (text) => text !== PROMPT);

  // Save, twice: through the host's ui/download-file both times, no server copy, no error.
  const first = cards.first();
  await first.locator("button[data-action=save]").click();
  await first.locator('[data-line="downloaded"].ok').waitFor();
  await first.locator("button[data-action=save]").click();
  await waitFor(async () => (await page.evaluate(() => window.hostLog.downloads.length)) >= 2, "the second download never reached the host");
  await first.locator("button[data-action=save]:enabled").waitFor();
  summary.saveErrors = await first.locator(".note.error").allTextContents();

  // Enlarge the second image: the view asks for fullscreen and shows the image in a lightbox; Close returns to inline.
  await cards.nth(1).locator("button[data-action=enlarge]").click();
  await frame.locator(".lightbox.fullscreen img.lightbox-image").waitFor();
  await waitFor(() => frame.locator("img.lightbox-image").evaluate((img) => img.complete && img.naturalWidth > 0), "the enlarged image did not load");
  summary.lightbox = await lightboxFacts(page, frame, "main");
  await screenshot(page, "enlarged.png", false);
  await frame.locator("button[data-action=close-lightbox]").click();
  await frame.locator(".lightbox").waitFor({ state: "detached" });
  await waitFor(async () => (await page.evaluate(() => window.hostLog.displayModes.at(-1)?.mode)) === "inline", "the view did not return to inline");

  // Variations: generate_image through the host, same prompt, a new seed; the new batch renders above.
  await first.locator("button[data-action=variations]").click();
  await frame.locator("section.batch").nth(1).waitFor();
  await waitForImages(images, expected * 2);

  // Refine: generate_image through the host with this image as the reference and a new prompt.
  const refined = "the same lighthouse at night, oil painting";
  await first.locator("button[data-action=refine]").click();
  await first.locator(".refine input").fill(refined);
  await first.locator("button[data-action=refine-submit]").click();
  await frame.locator("section.batch").nth(2).waitFor();
  await waitForImages(images, expected * 2 + 1);
  await first.locator('[data-line="refined"]').waitFor();
  summary.finalImages = await imageFacts(images);
  summary.refinedPrompt = await frame.locator(".batch-prompt").first().textContent();
  summary.refinedLayout = await layout(frame.locator("section.batch").first());
  summary.batches = await frame.locator("section.batch").count();
  // Each card of the first result keeps its own state lines.
  summary.cardLines = await cards.evaluateAll((nodes) =>
    nodes.map((card) => Object.fromEntries([...card.querySelectorAll("[data-line]")].map((line) => [line.dataset.line, line.textContent]))));
  await screenshot(page, "gallery-after-actions.png");

  // A FLUX 3 result (issue 16) carries revised_prompt and grounding, and c2pa per image. The server here makes FLUX.2 only,
  // so the same real result is shown again with those fields as FLUX 3 results have them, in a host without ui/download-file.
  const flux3 = structuredClone(toolResult);
  flux3.structuredContent.revised_prompt = `${PROMPT}: a white lighthouse on a chalk cliff above a calm sea, first light in soft washes of rose and gold, loose wet-on-wet watercolor on textured paper`;
  flux3.structuredContent.grounding = true;
  flux3.structuredContent.images[0].c2pa = true;
  await host.start("flux3", toolInput, flux3, { downloadFile: false, openLinks: true, fullscreen: false });
  const other = host.frame("flux3");
  await waitForImages(other.locator("img.flux2-image"), expected);
  const revised = other.locator("details.revised");
  summary.revisedOpenAtFirst = await revised.evaluate((node) => node.open);
  await revised.locator("summary").click();
  summary.revisedText = await revised.locator(".revised-text").textContent();
  await revised.locator("button[data-action=copy-revised-prompt]").click();
  summary.clipboard.revisedPrompt = await clipboardAfter(page, (text) => text.startsWith(`${PROMPT}:`));
  summary.flux3Meta = await other.locator(".batch-meta").first().textContent();
  summary.c2paBadges = await other.locator("figure.card").evaluateAll((nodes) => nodes.map((card) => card.querySelector(".badge.c2pa")?.textContent ?? null));
  // Save where the host cannot download: it opens the image's link instead.
  const flux3First = other.locator("figure.card").first();
  await flux3First.locator("button[data-action=save]").click();
  await flux3First.locator('[data-line="downloaded"].ok').waitFor();
  summary.linkLine = await flux3First.locator('[data-line="downloaded"]').textContent();
  await screenshot(page, "flux3.png");
}

/** A job still running: placeholders with live status, a reload while it runs, the images, save, enlarge, reloads. */
async function pendingScenario(client, host) {
  const { page } = host;
  const toolInput = { prompt: PROMPT, num_images: 2, seed: 7, size: "768x512" };
  const toolResult = await client.callTool({ name: "generate_image", arguments: toolInput });
  if (toolResult.isError || toolResult.structuredContent?.status !== "working") {
    throw new Error(`generate_image did not return a pending result: ${JSON.stringify(toolResult)}`);
  }
  summary.pendingResult = toolResult.structuredContent;
  await host.start("job", toolInput, toolResult, { downloadFile: false, openLinks: false, fullscreen: false });
  const frame = host.frame("job");
  const placeholders = frame.locator("figure.card.placeholder");

  // Placeholders, one per image, with the job's status as the server reports it: first queued, then generating, in the
  // same view (the job queues for a fifth of its time).
  await placeholders.nth(1).waitFor();
  summary.placeholders = await placeholderFacts(placeholders);
  summary.placeholderLayout = await layout(frame.locator("section.batch").first());
  await screenshot(page, "pending.png");
  summary.phasesSeen = [summary.placeholders[0].phase];
  await waitFor(async () => {
    const phase = await placeholders.first().locator(".phase").textContent();
    if (phase !== summary.phasesSeen.at(-1)) {
      summary.phasesSeen.push(phase);
    }
    return phase.startsWith("Generating");
  }, `the placeholders never showed the job generating; they showed ${JSON.stringify(summary.phasesSeen)}`);
  summary.placeholdersLive = await placeholderFacts(placeholders);
  summary.readsBeforeReload = summary.jobReads.length;
  await screenshot(page, "pending-generating.png");

  // Reload while the job still runs: the new view starts again from the pending result's handle.
  summary.statusAtReload = summary.jobReads.at(-1).status;
  await page.evaluate(() => window.reloadView("job"));
  const reloaded = host.frame("job");
  await reloaded.locator("figure.card.placeholder").first().waitFor();
  summary.placeholdersAfterReload = await placeholderFacts(reloaded.locator("figure.card.placeholder"));
  await screenshot(page, "pending-reloaded.png");

  // The images fill in when the job completes, from the blobs of the job's own resources/read.
  const images = reloaded.locator("img.flux2-image");
  await waitForImages(images, 2);
  summary.images = await imageFacts(images);
  summary.completedRead = summary.jobReads.find((r) => r.status === "completed") ?? null;
  summary.placeholdersLeft = await reloaded.locator("figure.card.placeholder").count();
  summary.layout = await layout(reloaded.locator("section.batch").first());
  summary.modelContext = await page.evaluate(() => window.hostLog.modelContext);
  await screenshot(page, "pending-completed.png");

  // Save where the host offers neither downloads nor links and the server kept no file: download_image, once.
  const first = reloaded.locator("figure.card").first();
  await first.locator("button[data-action=save]").click();
  await first.locator('[data-line="saved"].ok').waitFor();
  summary.savedLine = await first.locator('[data-line="saved"]').textContent();
  await first.locator("button[data-action=save]").click();
  await first.locator("button[data-action=save]:enabled").waitFor();
  summary.savedLineAgain = await first.locator('[data-line="saved"]').textContent();
  summary.saveErrors = await first.locator(".note.error").allTextContents();

  // Enlarge where the host has no fullscreen: the lightbox inside the view.
  await first.locator("img.flux2-image").click();
  await reloaded.locator(".lightbox img.lightbox-image").waitFor();
  await waitFor(() => reloaded.locator("img.lightbox-image").evaluate((img) => img.complete && img.naturalWidth > 0), "the enlarged image did not load");
  summary.lightbox = await lightboxFacts(page, reloaded, "job");
  await screenshot(page, "lightbox-inline.png");
  await page.keyboard.press("Escape");
  await reloaded.locator(".lightbox").waitFor({ state: "detached" });

  // Reload once the job is done: the handle gives the images at once.
  const readsBefore = summary.jobReads.length;
  await page.evaluate(() => window.reloadView("job"));
  const again = host.frame("job");
  await waitForImages(again.locator("img.flux2-image"), 2);
  summary.imagesAfterSecondReload = await imageFacts(again.locator("img.flux2-image"));
  summary.readsForSecondReload = summary.jobReads.length - readsBefore;

  // A handle the server does not know (expired, or someone else's): the view says so instead of waiting for ever.
  const unknown = structuredClone(toolResult);
  unknown.structuredContent.job_id = "0123456789abcdef01234567";
  unknown.structuredContent.job_uri = "flux2://jobs/0123456789abcdef01234567";
  await host.start("gone", toolInput, unknown, { downloadFile: false, openLinks: false, fullscreen: false });
  const gone = host.frame("gone").locator("section.batch .batch-meta.error");
  await gone.waitFor();
  summary.unknownJob = await gone.textContent();
  summary.unknownJobPlaceholders = await host.frame("gone").locator("figure.card.placeholder").count();
  summary.unknownJobReads = summary.jobReads.filter((r) => r.uri === unknown.structuredContent.job_uri);

  // Jobs that end without images: the view says why, with the server's message, and stops waiting.
  summary.endings = {};
  for (const [id, ending] of Object.entries({
    failed: { status: "failed", message: "content_policy: the provider refused the prompt", error: { error: "content_policy", message: "the provider refused the prompt" } },
    cancelled: { status: "cancelled", message: "cancelled through tasks/cancel" },
  })) {
    const jobId = id === "failed" ? "fa11ed00000000000000000a" : "cace11ed000000000000000b";
    const uri = `flux2://jobs/${jobId}`;
    const working = { id: jobId, uri, tool: "generate_image", status: "working", num_images: 2, poll_interval_ms: 250, progress: { status: "running", message: "fal running" }, message: "fal running" };
    scriptedJobs.set(uri, [working, { ...working, ...ending, progress: undefined }]);
    const result = structuredClone(toolResult);
    result.structuredContent.job_id = jobId;
    result.structuredContent.job_uri = uri;
    await host.start(id, toolInput, result, { downloadFile: false, openLinks: false, fullscreen: false });
    const said = host.frame(id).locator("section.batch .batch-meta.error");
    await said.waitFor();
    summary.endings[id] = {
      text: await said.textContent(),
      placeholders: await host.frame(id).locator("figure.card.placeholder").count(),
      uri,
    };
  }
  await screenshot(page, "pending-after-reloads.png");
  // Read after the screenshot's wait, several poll intervals later: a view still polling would have read again.
  for (const ending of Object.values(summary.endings)) {
    ending.reads = summary.jobReads.filter((r) => r.uri === ending.uri).map((r) => r.status);
  }
}

/**
 * Grows the viewport to the whole page and then takes the screenshot: a full-page capture that resizes while capturing
 * leaves the views' out-of-process iframes blank. `grow: false` keeps the viewport (a fullscreen view covers it).
 */
async function screenshot(page, name, grow = true) {
  if (grow) {
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width: 960, height: Math.max(900, height) });
  }
  await page.waitForTimeout(300);
  const path = join(options.out, name);
  await page.screenshot({ path });
  summary.screenshots.push(path);
}

async function waitFor(condition, what) {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(what);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The clipboard's text once it satisfies the condition (the copy is asynchronous). */
async function clipboardAfter(page, condition) {
  let text = null;
  await waitFor(async () => {
    text = await page.evaluate(() => navigator.clipboard.readText());
    return condition(text);
  }, "the clipboard did not receive the copied text");
  return text;
}

async function waitForImages(images, count) {
  await waitFor(async () => {
    const facts = await imageFacts(images);
    return facts.length >= count && facts.every((f) => f.complete && f.naturalWidth > 0 && f.source === "resource");
  }, `expected ${count} images rendered from their resources`);
}

async function imageFacts(images) {
  return images.evaluateAll((nodes) =>
    nodes.map((img) => ({ complete: img.complete, naturalWidth: img.naturalWidth, naturalHeight: img.naturalHeight, src: img.src.slice(0, 30), source: img.dataset.source ?? null, alt: img.alt })),
  );
}

/** The width of a batch's grid and of each of its cards, in CSS pixels. */
async function layout(section) {
  return section.evaluate((node) => ({
    view: document.documentElement.clientWidth,
    grid: node.querySelector(".grid").getBoundingClientRect().width,
    cards: [...node.querySelectorAll(".grid > figure")].map((card) => card.getBoundingClientRect().width),
  }));
}

async function placeholderFacts(placeholders) {
  return placeholders.evaluateAll((nodes) => nodes.map((card) => ({
    phase: card.querySelector(".phase")?.textContent ?? null,
    message: card.querySelector(".progress-message")?.textContent ?? null,
    bar: card.querySelector(".bar")?.className ?? null,
    width: card.getBoundingClientRect().width,
  })));
}

/**
 * The lightbox's image against the view, and the iframe's size against the host page's. shownWidth is the width of the
 * picture as drawn (object-fit: contain draws it within its box at its own aspect ratio).
 */
async function lightboxFacts(page, frame, id) {
  // The host resizes the frame to the view's new height: wait until the lightbox's size has settled.
  let last = null;
  await waitFor(async () => {
    const size = await frame.locator(".lightbox").evaluate((box) => `${box.clientWidth}x${box.clientHeight}`);
    const settled = size === last;
    last = size;
    return settled;
  }, "the lightbox did not settle");
  const inView = await frame.locator(".lightbox").evaluate((box) => {
    const img = box.querySelector("img");
    const rect = img.getBoundingClientRect();
    const shownWidth = Math.min(rect.width, rect.height * (img.naturalWidth / img.naturalHeight));
    return { naturalWidth: img.naturalWidth, shownWidth, boxWidth: rect.width, boxHeight: rect.height, viewWidth: document.documentElement.clientWidth, viewHeight: window.innerHeight, fullscreen: box.classList.contains("fullscreen") };
  });
  const iframe = await page.locator(`#view-${id}`).evaluate((node) => ({ width: node.getBoundingClientRect().width, height: node.getBoundingClientRect().height, pageWidth: window.innerWidth, pageHeight: window.innerHeight }));
  return { ...inView, iframe };
}

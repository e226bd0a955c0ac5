// Drives the MCP Apps gallery as a real host would, end to end:
//   1. connects the official MCP client to a running flux2-mcp (streamable HTTP), declaring MCP Apps support;
//   2. finds generate_image's _meta.ui.resourceUri, reads that resource, and calls generate_image for real;
//   3. opens a host page built on ext-apps' AppBridge in headless Chromium (Debian's, through playwright-core), which loads
//      the resource into a sandboxed iframe and hands it the tool input and result;
//   4. waits for the images to render, clicks Save (download_image through the host) and Variations (generate_image through
//      the host), and takes a screenshot.
// Prints one JSON summary line (what the view showed and which tool calls reached the server); exits 0 when it ran through.
//
//   node gallery-host.mjs --endpoint http://127.0.0.1:PORT/mcp --chromium /usr/bin/chromium --out DIR [--theme light|dark]
import { createServer } from "node:http";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { getToolUiResourceUri } from "@modelcontextprotocol/ext-apps/app-bridge";
import { build } from "esbuild";
import { chromium } from "playwright-core";

const STEP_TIMEOUT_MS = 60_000;
const here = dirname(fileURLToPath(import.meta.url));
const { values: options } = parseArgs({
  options: { endpoint: { type: "string" }, chromium: { type: "string" }, out: { type: "string" }, theme: { type: "string", default: "light" } },
});
for (const name of ["endpoint", "chromium", "out"]) {
  if (!options[name]) {
    throw new Error(`--${name} is required`);
  }
}
mkdirSync(options.out, { recursive: true });

const summary = { ok: false, toolCalls: [], console: [] };
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

  // 2. The tool's view, its resource, and a real generate_image call (the server's offline simulator answers).
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

  const toolInput = { prompt: "a lighthouse on a cliff at dawn, watercolor", num_images: 2, seed: 7, size: "768x512" };
  const toolResult = await client.callTool({ name: "generate_image", arguments: toolInput });
  if (toolResult.isError) {
    throw new Error(`generate_image failed: ${JSON.stringify(toolResult.content)}`);
  }
  summary.generated = toolResult.structuredContent;

  // 3. The host page: AppBridge bundled for the browser, served from loopback.
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
iframe{width:100%;height:200px;border:1px solid #c8ccd2;border-radius:10px;background:#fff}</style></head>
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
  const page = browser.pages()[0] ?? (await browser.newPage());
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  // The SDK's own debug chatter is left out; warnings, errors (a CSP violation among them) and logs are kept.
  page.on("console", (message) => message.type() !== "debug" && summary.console.push(`${message.type()}: ${message.text()}`));
  page.on("pageerror", (error) => summary.console.push(`pageerror: ${error.message}`));
  // Nothing but the host page may be fetched: the view must need no network at all.
  const external = [];
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(hostUrl)) {
      return route.continue();
    }
    external.push(url);
    return route.abort();
  });

  await page.exposeFunction("mcpCallTool", async (params) => {
    const result = await client.callTool(params);
    summary.toolCalls.push({ name: params.name, arguments: params.arguments, isError: Boolean(result.isError), structuredContent: result.structuredContent ?? null });
    return result;
  });
  await page.exposeFunction("mcpReadResource", async (params) => {
    summary.resourceReads = (summary.resourceReads ?? 0) + 1;
    return client.readResource(params);
  });

  await page.goto(hostUrl);
  await page.evaluate((args) => window.startHost(args), { html: view.text, csp: view._meta?.ui?.csp, toolInput, toolResult, theme: options.theme });

  // 4. The view renders every image; the full images, read from flux2://images/{id} through the host, replace the previews.
  const frame = page.frameLocator("#view");
  const expected = toolResult.structuredContent.images.length;
  const images = frame.locator("img.flux2-image");
  await waitForImages(images, expected);
  summary.images = await imageFacts(images);
  summary.prompt = await frame.locator(".batch-prompt").first().textContent();
  summary.meta = await frame.locator(".batch-meta").first().textContent();
  summary.captions = await frame.locator("figcaption .facts").allTextContents();
  await screenshot(page, "gallery.png");

  // Save: download_image through the host.
  const firstCard = frame.locator("figure.card").first();
  await firstCard.locator("button[data-action=save]").click();
  await firstCard.locator(".note.ok", { hasText: "Saved to" }).waitFor();
  summary.saveNote = await firstCard.locator(".note").textContent();

  // Variations: generate_image through the host, same prompt, a new seed; the new batch renders above.
  await firstCard.locator("button[data-action=variations]").click();
  await frame.locator("section.batch").nth(1).waitFor();
  await waitForImages(images, expected * 2);

  // Refine: generate_image through the host with this image as the reference and a new prompt.
  const refined = "the same lighthouse at night, oil painting";
  await firstCard.locator("button[data-action=refine]").click();
  await firstCard.locator(".refine input").fill(refined);
  await firstCard.locator("button[data-action=refine-submit]").click();
  await frame.locator("section.batch").nth(2).waitFor();
  await waitForImages(images, expected * 2 + 1);
  summary.finalImages = await imageFacts(images);
  summary.refinedPrompt = await frame.locator(".batch-prompt").first().textContent();
  summary.batches = await frame.locator("section.batch").count();
  summary.modelContext = await page.evaluate(() => window.modelContext ?? null);
  await screenshot(page, "gallery-after-actions.png");
  summary.external = external;
}

/**
 * Grows the viewport to the whole page and then takes the screenshot: a full-page capture that resizes while capturing
 * leaves the view's out-of-process iframe blank.
 */
async function screenshot(page, name) {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 960, height: Math.max(900, height) });
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(options.out, name) });
}

async function waitForImages(images, count) {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const facts = await imageFacts(images);
    if (facts.length >= count && facts.every((f) => f.complete && f.naturalWidth > 0 && f.source === "resource")) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`expected ${count} images rendered from their resources, saw ${JSON.stringify(facts)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function imageFacts(images) {
  return images.evaluateAll((nodes) =>
    nodes.map((img) => ({ complete: img.complete, naturalWidth: img.naturalWidth, naturalHeight: img.naturalHeight, src: img.src.slice(0, 30), source: img.dataset.source ?? null, alt: img.alt })),
  );
}

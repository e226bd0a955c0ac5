// The Vercel AI SDK (ai + @ai-sdk/black-forest-labs) against the simulator's BFL dialect: flux-2-pro, flux-3-image and
// flux-3.1-image through generateImage, with a dummy key.
//
// Why a custom fetch: the SDK sends the key to, and downloads from, only its base URL's origin or https://*.bfl.ai, and
// it refuses loopback and private hosts for any other URL (provider-utils validateDownloadUrl). The simulator answers
// polling URLs on another host name (localhost vs 127.0.0.1) on purpose, as BFL answers regional hosts. So the SDK is
// given BFL-style names and the supported `fetch` option maps them to the simulator and back, like a proxy:
// https://api.bfl.ai <-> http://127.0.0.1:PORT and https://api.eu1.bfl.ai <-> http://localhost:PORT. The SDK is not patched.
//
// The served @ai-sdk/black-forest-labs (2.0.41) predates 2.0.55, which added FLUX 3's "Reasoning" and "Generating" poll
// statuses; 2.0.41 rejects a status it does not know. The proxy therefore reports those two as "Pending" to the SDK and
// records that the simulator sent them, so the script checks both the simulator's walk and the rest of the SDK's flow.
// 2.0.41 also knows no FLUX 3.1 request format: it sends its generic body (prompt, aspect_ratio), which 3.1 accepts.
import { generateImage } from "ai";
import { createBlackForestLabs } from "@ai-sdk/black-forest-labs";
import { assert, baseUrl, imageKind, run } from "./sdk-common.mjs";

const simulator = new URL(baseUrl());
const hosts = new Map([
  ["api.bfl.ai", `127.0.0.1:${simulator.port}`],
  ["api.eu1.bfl.ai", `localhost:${simulator.port}`],
]);
const seen = [];

async function proxyFetch(input, init) {
  const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
  const target = hosts.get(url.host);
  assert(url.protocol === "https:" && target, `the SDK asked for ${url} (only the mapped BFL hosts are expected)`);
  const response = await fetch(`http://${target}${url.pathname}${url.search}`, init);
  if (!(response.headers.get("content-type") ?? "").includes("json")) {
    return response;
  }

  let text = await response.text();
  for (const [name, loopback] of hosts) {
    text = text.replaceAll(`http://${loopback}`, `https://${name}`);
  }

  const status = /"status":"([^"]+)"/.exec(text)?.[1];
  if (status) {
    seen.push(status);
    text = text.replace(/"status":"(Reasoning|Generating)"/, '"status":"Pending"');
  }

  const headers = new Headers(response.headers);
  headers.delete("content-length");
  return new Response(text, { status: response.status, statusText: response.statusText, headers });
}

const bfl = createBlackForestLabs({
  apiKey: "sim-bfl-key",
  baseURL: "https://api.bfl.ai/bfl/v1",
  fetch: proxyFetch,
  pollIntervalMillis: 50,
  headers: { "x-sim-latency-ms": "1200" },
});

const hasContentCredentials = (bytes) => Buffer.from(bytes).includes("jumb") && Buffer.from(bytes).includes("c2pa");

async function generate(model, options) {
  seen.length = 0;
  const { image, providerMetadata } = await generateImage({ model: bfl.image(model), maxRetries: 0, ...options });
  const bytes = image.uint8Array;
  const kind = imageKind(bytes);
  assert(kind !== null, `${model}: not an image`);
  assert(hasContentCredentials(bytes), `${model}: BFL's image carries a C2PA manifest store`);
  const meta = providerMetadata.blackForestLabs.images[0];
  return { kind, bytes: bytes.length, c2pa: true, statuses: [...new Set(seen)], seed: meta.seed, cost: meta.cost };
}

await run("@ai-sdk/black-forest-labs", async () => {
  const flux2 = await generate("flux-2-pro", { prompt: "a lighthouse at dusk", size: "1024x768", seed: 5 });
  assert(flux2.kind === "jpeg" && flux2.seed === 5, `flux-2-pro: jpeg with the seed asked for, got ${JSON.stringify(flux2)}`);

  const flux3 = await generate("flux-3-image", { prompt: "a red fox under a tree", aspectRatio: "16:9" });
  assert(flux3.kind === "png", `flux-3-image: png, got ${flux3.kind}`);
  assert(["Reasoning", "Generating", "Ready"].every((s) => flux3.statuses.includes(s)), `flux-3-image: the simulator walked Reasoning and Generating, saw ${flux3.statuses}`);
  assert(typeof flux3.seed === "number" && flux3.cost === 4.8, `flux-3-image: the model's seed and the 1k price, got ${JSON.stringify(flux3)}`);

  const flux31 = await generate("flux-3.1-image", { prompt: "a paper boat", aspectRatio: "1:1" });
  assert(flux31.kind === "png" && flux31.statuses.includes("Ready"), `flux-3.1-image: got ${JSON.stringify(flux31)}`);

  return { sdkVersion: "2.0.41", flux2, flux3, flux31 };
});

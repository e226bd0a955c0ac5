// @fal-ai/client against the simulator: fal.subscribe (queue mode, logs) on an /edit app (status/result under the
// dropped sub-path), then status streaming mode, then a sync fal.run. Only the URLs are rewritten (requestMiddleware).
import { createFalClient } from "@fal-ai/client";
import { assert, baseUrl, fetchImage, run } from "./sdk-common.mjs";

const base = baseUrl();
const rewrite = (url) => {
  const u = new URL(url);
  const prefix = u.host === "queue.fal.run" ? "fal-queue" : u.host === "fal.run" ? "fal" : null;
  return prefix ? `${base}/${prefix}${u.pathname}${u.search}` : url;
};
const fal = createFalClient({
  credentials: "sim-fal-key",
  requestMiddleware: async (request) => ({
    ...request,
    url: rewrite(request.url),
    // A visible queue phase so IN_QUEUE -> IN_PROGRESS -> COMPLETED can be observed.
    headers: { ...(request.headers ?? {}), "x-sim-latency-ms": "1200" },
  }),
});

await run("@fal-ai/client", async () => {
  const statuses = [];
  let logs = 0;
  const result = await fal.subscribe("fal-ai/flux-2/edit", {
    input: { prompt: "a red fox in the snow", image_urls: ["https://example.com/ref.png"], image_size: "square", seed: 42 },
    logs: true,
    pollInterval: 100,
    onQueueUpdate: (update) => {
      if (statuses.at(-1) !== update.status) statuses.push(update.status);
      if (Array.isArray(update.logs)) logs = Math.max(logs, update.logs.length);
    },
  });
  assert(typeof result.requestId === "string" && result.requestId.length > 0, "requestId present");
  assert(statuses.at(-1) === "COMPLETED", `last status COMPLETED, saw ${statuses}`);
  assert(statuses.includes("IN_PROGRESS"), `IN_PROGRESS seen, saw ${statuses}`);
  assert(logs > 0, "logs delivered with logs: true");
  const image = result.data.images[0];
  assert(result.data.seed === 42, "seed echoed");
  assert(image.width === 512 && image.height === 512, `fal's square preset is 512x512, got ${image.width}x${image.height}`);
  assert(Array.isArray(result.data.has_nsfw_concepts), "dev output has has_nsfw_concepts");
  const downloaded = await fetchImage(image.url);

  const streamed = [];
  const streamedResult = await fal.subscribe("fal-ai/flux-2", {
    input: { prompt: "a lighthouse", image_size: { width: 640, height: 512 }, output_format: "jpeg" },
    mode: "streaming",
    logs: true,
    onQueueUpdate: (update) => streamed.push(update.status),
  });
  assert(streamed.at(-1) === "COMPLETED", `stream ended with COMPLETED, saw ${streamed}`);
  assert(streamedResult.data.images[0].width === 640, "streamed result has the requested width");
  assert(typeof streamedResult.data.seed === "number", "random seed reported");

  const sync = await fal.run("fal-ai/flux-2-pro", { input: { prompt: "a cat", sync_mode: true } });
  assert(sync.data.images[0].url.startsWith("data:image/jpeg;base64,"), "sync_mode returns a data URI (pro defaults to jpeg)");
  assert(Object.keys(sync.data).sort().join(",") === "images,seed", "pro output is only images and seed");
  const syncImage = await fetchImage(sync.data.images[0].url);

  return { requestId: result.requestId, statuses, streamed, logs, image: downloaded, syncImage };
});

// replicate (npm) against the simulator: replicate.run (Prefer: wait) for pro (string output) and klein (array output, jpg by default),
// then predictions.create without waiting + replicate.wait (polling urls.get). Only baseUrl is changed.
import Replicate from "replicate";
import { assert, baseUrl, fetchImage, run } from "./sdk-common.mjs";

const replicate = new Replicate({ auth: "r8_sim", baseUrl: `${baseUrl()}/replicate/v1`, useFileOutput: false });

await run("replicate", async () => {
  const pro = await replicate.run("black-forest-labs/flux-2-pro", { input: { prompt: "a red fox", aspect_ratio: "1:1", output_format: "png", seed: 1 } });
  assert(typeof pro === "string", `pro output is a single URL string, got ${JSON.stringify(pro)}`);
  const proImage = await fetchImage(pro);
  assert(proImage.kind === "png", "png requested");

  const klein = await replicate.run("black-forest-labs/flux-2-klein-4b", { input: { prompt: "a lighthouse", aspect_ratio: "16:9" } });
  assert(Array.isArray(klein) && klein.length === 1, `klein output is an array, got ${JSON.stringify(klein)}`);
  const kleinImage = await fetchImage(klein[0]);
  assert(kleinImage.kind === "jpeg", "jpg is klein's default format on Replicate");

  let prediction = await replicate.predictions.create({ model: "black-forest-labs/flux-2-dev", input: { prompt: "a cat" } });
  assert(["starting", "processing"].includes(prediction.status), `created without wait: ${prediction.status}`);
  prediction = await replicate.wait(prediction, { interval: 100 });
  assert(prediction.status === "succeeded", `waited prediction succeeded: ${prediction.status}`);
  assert(typeof prediction.output === "string", "dev output is a string");
  assert(prediction.metrics && typeof prediction.metrics.predict_time === "number", "metrics.predict_time present");

  return { pro: proImage, klein: kleinImage, polled: prediction.id };
});

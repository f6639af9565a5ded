// The OpenAI Node SDK, unchanged, against the sandbox server: tests/test_clients_openai.py runs it
// and checks what it prints, one JSON object: the completion, the streamed text and usage, the
// `.stream()` helper's final text, and the error a wrong key raises.
import OpenAI from "openai";

const baseURL = process.env.SANDBOX_OPENAI_BASE_URL;
const messages = [{ role: "user", content: "Hello!" }];
const model = "aignehub/gpt-3.5-turbo";
const client = new OpenAI({ baseURL, apiKey: process.env.AIGNE_HUB_API_KEY, maxRetries: 0 });

const completion = await client.chat.completions.create({ model, messages });

let streamed = "";
let usage = null;
const stream = await client.chat.completions.create({
  model,
  messages,
  stream: true,
  stream_options: { include_usage: true },
});
for await (const chunk of stream) {
  streamed += chunk.choices[0]?.delta?.content ?? "";
  usage = chunk.usage ?? usage;
}

const helper = client.chat.completions.stream({ model, messages });
const final = await helper.finalChatCompletion();

let wrongKey = null;
try {
  await new OpenAI({ baseURL, apiKey: "not-a-demo-key", maxRetries: 0 }).chat.completions.create({ model, messages });
} catch (error) {
  wrongKey = {
    name: error.constructor.name,
    isAuthenticationError: error instanceof OpenAI.AuthenticationError,
    status: error.status,
    message: error.message,
  };
}

console.log(
  JSON.stringify({
    completion,
    streamed,
    usage,
    helperText: final.choices[0].message.content,
    wrongKey,
  }),
);

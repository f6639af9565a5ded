import OpenAI from "openai";

const baseURL = "http://127.0.0.1:8000/sandbox/aigne-hub/api/v1";
const request = { model: "aignehub/gpt-3.5-turbo", messages: [{ role: "user", content: "Hello!" }] };

const client = new OpenAI({ baseURL, apiKey: "aigne-demo-key" });

const completion = await client.chat.completions.create(request);
console.log(completion.choices[0].message.content);

const stream = await client.chat.completions.create({ ...request, stream: true });
let text = "";
for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
console.log(text);

try {
  await new OpenAI({ baseURL, apiKey: "wrong-key" }).chat.completions.create(request);
} catch (e) {
  if (!(e instanceof OpenAI.AuthenticationError)) throw e;
  console.log(e.status, e.error);
}

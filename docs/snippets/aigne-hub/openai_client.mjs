import OpenAI from "openai";

const client = new OpenAI({
  baseURL: "https://your-aigne-hub-url/api/v1",
  apiKey: process.env.AIGNE_HUB_API_KEY,
});

try {
  const completion = await client.chat.completions.create({
    model: "aignehub/gpt-3.5-turbo",
    messages: [{ role: "user", content: "Hello!" }],
  });
  console.log(completion.choices[0].message.content);
} catch (e) {
  if (!(e instanceof OpenAI.APIError) || e.status === undefined) throw e; // not an HTTP answer
  // AIGNE Hub's error body is {"error": "<reason>"}: the SDK puts the reason in e.error.
  console.log(e.status, e.error);
}

// The HTTP log never holds the access token, however the request spells the `token` query parameter's name.
import type { FastifyRequest } from "fastify";
import { describe, expect, it } from "vitest";
import { loggerOptions, redactToken } from "./app.js";

const TOKEN = "f".repeat(64);

/** What the request serializer writes to the log for a request to `url`. */
function loggedUrl(url: string): string {
  const options = loggerOptions("info") as { serializers: { req: (request: FastifyRequest) => { url: string } } };
  return options.serializers.req({ method: "GET", url, ip: "127.0.0.1" } as FastifyRequest).url;
}

describe("token redaction in the request log", () => {
  it.each([
    `/?token=${TOKEN}`,
    `/api/health?to%6Ben=${TOKEN}`,
    `/api/health?%74%6F%6B%65%6E=${TOKEN}&x=1`,
    `/api/health?x=1&TOKEN=${TOKEN}#frag`,
  ])("keeps the token of %s out of the log", (url) => {
    const logged = loggedUrl(url);
    expect(logged).not.toContain(TOKEN);
    expect(logged).toContain("=***");
  });

  it("leaves every other parameter, the path and the fragment as they were", () => {
    expect(redactToken(`/api/session/list?projectId=p%201&to%6Ben=${TOKEN}&tokens=keep#top`)).toBe(
      "/api/session/list?projectId=p%201&to%6Ben=***&tokens=keep#top",
    );
    expect(redactToken("/api/health")).toBe("/api/health");
  });
});

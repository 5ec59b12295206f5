// The images of sent messages (issue 16 §5): `GET /api/images/:imageId` and the `/ws` command `image:get`.
import type { FastifyInstance } from "fastify";
import type { ImageMediaType } from "../../shared/contracts/index.js";
import type { SessionService } from "../sessions/index.js";
import { HttpError } from "./errors.js";

/** `Cache-Control` of an image: its id is the hash of its bytes, so what one URL serves never changes. */
export const IMAGE_CACHE_CONTROL = "private, max-age=31536000, immutable";

/**
 * Registers `GET /api/images/:imageId` → 200 with the bytes, `Content-Type` the image's type (read from its magic
 * number), `Cache-Control: private, max-age=31536000, immutable`, `X-Content-Type-Options: nosniff`; 404
 * `IMAGE_NOT_FOUND` for an id not stored (or not a SHA-256 hex). Behind the app's access control like every route
 * (access-control.ts: the token cookie an `<img>` sends).
 */
export async function registerImageRoutes(app: FastifyInstance, service: SessionService): Promise<void> {
  app.get<{ Params: { imageId: string } }>("/api/images/:imageId", async (request, reply) => {
    const image = await readImage(service, request.params.imageId);
    return reply
      .type(image.mediaType)
      .header("cache-control", IMAGE_CACHE_CONTROL)
      .header("x-content-type-options", "nosniff")
      .send(image.bytes);
  });
}

/**
 * The stored image `imageId` (`SessionService.readImage`), for the route and `image:get`.
 * @throws HttpError `IMAGE_NOT_FOUND` when there is none.
 */
export async function readImage(
  service: SessionService,
  imageId: string,
): Promise<{ mediaType: ImageMediaType; bytes: Buffer }> {
  const image = await service.readImage(imageId);
  if (!image) throw new HttpError("IMAGE_NOT_FOUND", `No image ${imageId} is stored`);
  return image;
}

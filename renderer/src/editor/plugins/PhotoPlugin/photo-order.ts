/**
 * One order for a story's photos (the print order): the photos placed in the body
 * come first, in the order they stand in the body; photos not placed yet follow,
 * in the order of the story's list. The body is the source of truth; the panel's
 * "move" swaps two placed photos in the body and the list follows.
 */

/** The story's photos in print order. Returns the same array when nothing moves. */
export function photosInBodyOrder<T extends { id: string }>(
  photos: readonly T[],
  bodyIds: readonly string[],
): readonly T[] {
  const rank = new Map<string, number>();
  bodyIds.forEach((id, i) => {
    if (!rank.has(id)) rank.set(id, i);
  });
  const placed = photos.filter((p) => rank.has(p.id)).sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
  const rest = photos.filter((p) => !rank.has(p.id));
  const next = [...placed, ...rest];
  return next.every((p, i) => p === photos[i]) ? photos : next;
}

/**
 * The photo each of the body's photo nodes (in document order) should show so that
 * the placed photos read in `order`: the nodes keep their places, the photos
 * trade places among them.
 */
export function bodySlots(bodyIds: readonly string[], order: readonly string[]): string[] {
  const rank = new Map(order.map((id, i) => [id, i] as const));
  const at = (id: string) => rank.get(id) ?? Number.MAX_SAFE_INTEGER;
  return [...bodyIds].sort((a, b) => at(a) - at(b));
}

// JSON over HTTP for the lookup sources, with a bound and an error naming what failed.
export async function getJson<T>(url: string, init: RequestInit = {}): Promise<T> {
  const method = init.method ?? "GET";
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) }).catch(
    (error: Error & { cause?: { code?: string; message?: string } }) => {
      // fetch says only "fetch failed"; the cause says why (ECONNREFUSED, a timeout).
      const { origin, pathname } = new URL(url);
      throw new Error(`${method} ${origin}${pathname}: ${error.cause?.code ?? error.cause?.message ?? error.message}`, { cause: error });
    },
  );
  if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
  return (await response.json()) as T;
}

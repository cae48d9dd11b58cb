// Disk: each part of the stack against its share of STACK_DISK_BUDGET, its growth a day at the last
// hour's rate, and the free space left before the store refuses writes. Reloads itself every minute.
import { formatBytes } from "../../config/disk-budget.ts";
import type { ConsoleContext } from "../context.ts";
import { html, page, section, time, type Html } from "../html.ts";
import { stackDisk, type StackDisk } from "../sources/disk.ts";

/** StackDiskCapNearlyReached's threshold (prometheus/rules/disk.yml). */
const NEARLY_FULL = 0.9;

const bytes = (value: number | undefined) => (value === undefined || !Number.isFinite(value) ? "?" : formatBytes(value));

function diskTable({ parts, free, size, floodStage }: StackDisk): Html {
  if (!parts.length) return html`<p class="empty">No disk figures in Prometheus yet (job stack-disk, scraped every 5 s).</p>`;
  return html`<table class="disk">
      <thead>
        <tr>
          <th scope="col">Part</th>
          <th scope="col">Used</th>
          <th scope="col">Cap</th>
          <th scope="col">Of its cap</th>
          <th scope="col">Per day</th>
        </tr>
      </thead>
      <tbody>
        ${parts.map((p) => {
          const ratio = p.cap ? p.used / p.cap : undefined;
          const status = ratio === undefined ? "" : ratio > NEARLY_FULL ? "NEARLY-FULL" : "OK";
          return html`<tr data-part="${p.part}" data-status="${status}">
            <th scope="row">${p.part}</th>
            <td>${bytes(p.used)}</td>
            <td>${p.cap ? bytes(p.cap) : html`<span class="detail">none (headroom)</span>`}</td>
            <td>
              ${ratio === undefined ? "" : html`<meter min="0" max="1" high="${NEARLY_FULL}" value="${ratio.toFixed(3)}"></meter> ${(ratio * 100).toFixed(0)} %`}
            </td>
            <td>${p.perDay === undefined ? "?" : `${p.perDay >= 0 ? "+" : "−"}${bytes(Math.abs(p.perDay))}`}</td>
          </tr>`;
        })}
      </tbody>
    </table>
    <p>
      Filesystem: ${bytes(free)} free of ${bytes(size)}; the store refuses writes below ${bytes(floodStage)} free (StackDiskNearlyFull pages at twice that).
    </p>`;
}

export async function diskPage(context: ConsoleContext): Promise<string> {
  const endpoints = context.endpoints();
  const budget = endpoints.disk ? html`<p>Budget ${endpoints.disk.budget} (STACK_DISK_BUDGET), split into the caps below.</p>` : html``;
  const table = await section("Prometheus", stackDisk(endpoints.prometheus), diskTable);
  const body = html`<section aria-labelledby="h-disk">
      <h2 id="h-disk">Disk per part</h2>
      ${budget} ${table}
    </section>
    <p class="detail">What each cap keeps: docs/reliability.md, "Over time". Refreshes every minute. Last rendered ${time(new Date())}.</p>`;
  return page({ title: "Disk", current: "/disk", body, refreshSeconds: 60 });
}

// E-mails, phone numbers and links. Personal data: returned to the caller, never logged.
import type { Contacts } from "../types.ts";

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[a-z]{2,}/giu;
const LINK =
  /\b(?:https?:\/\/|www\.)[^\s,;<>()]+|\b(?:linkedin\.com|github\.com|gitlab\.com|twitter\.com|x\.com|medium\.com|stackoverflow\.com)\/[^\s,;<>()]+/giu;
// International ("+33 6 12 34 56 78", "+1 555-0142", "+44 (0)20 7946 0958"), French national
// ("06 12 34 56 78", "06.12.34.56.78") and North American ("(555) 013-4567").
const PHONE = /(?:\+\d{1,3}[\s.-]?(?:\(0\)\s?)?\d{1,4}(?:[\s.-]?\d{2,4}){1,4}|\b0[1-9](?:[\s.-]?\d{2}){4}\b|\(\d{3}\)\s?\d{3}[\s.-]\d{4})/g;

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function digitCount(phone: string): number {
  return phone.replace(/\D/g, "").length;
}

export function extractContacts(text: string): Contacts {
  const emails = unique((text.match(EMAIL) ?? []).map((email) => email.toLowerCase()));
  const links = unique((text.match(LINK) ?? []).map((link) => link.replace(/[.,;:!?]+$/, "")));
  const withoutLinks = text.replace(LINK, " ").replace(EMAIL, " ");
  const phones = unique((withoutLinks.match(PHONE) ?? []).map((phone) => phone.trim()).filter((phone) => digitCount(phone) >= 7 && digitCount(phone) <= 15));
  return { emails, phones, links };
}

/** Sure when an e-mail is there; less so with only a phone or a link; low when nothing was found. */
export function contactsConfidence({ emails, phones, links }: Contacts): number {
  if (emails.length > 0) return 0.95;
  if (phones.length > 0) return 0.8;
  return links.length > 0 ? 0.6 : 0.2;
}

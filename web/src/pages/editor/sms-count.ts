/**
 * How many characters and segments an SMS takes, as carriers count them: GSM-7 when every
 * character is in the GSM 03.38 alphabet (extension characters count twice), else UCS-2 (UTF-16
 * code units). One segment holds 160 GSM-7 / 70 UCS-2 characters; a concatenated message carries
 * 153 / 67 per segment (the rest is the concatenation header).
 */

/** The GSM 03.38 basic alphabet. */
const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** The GSM 03.38 extension table (each takes an escape plus the character: 2 septets). */
const GSM7_EXTENSION = '^{}\\[~]|€\f';

/** Characters in one single-segment GSM-7 SMS. */
export const GSM7_SINGLE = 160;
/** Characters per segment of a concatenated GSM-7 SMS. */
export const GSM7_CONCATENATED = 153;
/** Characters in one single-segment UCS-2 SMS. */
export const UCS2_SINGLE = 70;
/** Characters per segment of a concatenated UCS-2 SMS. */
export const UCS2_CONCATENATED = 67;

/** An SMS's size. */
export interface SmsCount {
  /** `GSM-7` or `UCS-2`. */
  readonly encoding: 'GSM-7' | 'UCS-2';
  /** Characters as the encoding counts them (septets for GSM-7, UTF-16 units for UCS-2). */
  readonly characters: number;
  /** Segments (billed messages). */
  readonly segments: number;
  /** Characters left in the last segment. */
  readonly remaining: number;
  /** For UCS-2: the first characters that forced it (at most 5), so the writer can replace them. */
  readonly nonGsmCharacters: readonly string[];
}

const BASIC = new Set(GSM7_BASIC);
const EXTENDED = new Set(GSM7_EXTENSION);

/** Counts an SMS text. */
export function countSms(text: string): SmsCount {
  const nonGsm: string[] = [];
  let septets = 0;
  for (const character of text) {
    if (BASIC.has(character)) septets += 1;
    else if (EXTENDED.has(character)) septets += 2;
    else if (!nonGsm.includes(character)) nonGsm.push(character);
  }
  if (nonGsm.length === 0) return sized('GSM-7', septets, GSM7_SINGLE, GSM7_CONCATENATED, []);
  return sized('UCS-2', text.length, UCS2_SINGLE, UCS2_CONCATENATED, nonGsm.slice(0, 5));
}

function sized(encoding: SmsCount['encoding'], characters: number, single: number, concatenated: number, nonGsmCharacters: string[]): SmsCount {
  const segments = characters <= single ? 1 : Math.ceil(characters / concatenated);
  const capacity = segments === 1 ? single : segments * concatenated;
  return { encoding, characters, segments, remaining: capacity - characters, nonGsmCharacters };
}

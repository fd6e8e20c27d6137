import { describe, expect, it } from 'vitest';
import { countSms } from '../../../../web/src/pages/editor/sms-count';

describe('countSms', () => {
  it.each([
    { name: 'empty', text: '', encoding: 'GSM-7', characters: 0, segments: 1, remaining: 160 },
    { name: '160 GSM-7 characters: one segment', text: 'a'.repeat(160), encoding: 'GSM-7', characters: 160, segments: 1, remaining: 0 },
    { name: '161 GSM-7 characters: two segments of 153', text: 'a'.repeat(161), encoding: 'GSM-7', characters: 161, segments: 2, remaining: 145 },
    { name: 'accented letters of the GSM alphabet stay GSM-7', text: 'Zoé à Málaga', encoding: 'UCS-2', characters: 12, segments: 1, remaining: 58 },
    { name: 'extension characters count twice', text: '€10 {ok}', encoding: 'GSM-7', characters: 11, segments: 1, remaining: 149 },
    { name: 'an emoji forces UCS-2 and counts two units', text: 'Hi 🎉', encoding: 'UCS-2', characters: 5, segments: 1, remaining: 65 },
    { name: '71 UCS-2 characters: two segments of 67', text: 'ж'.repeat(71), encoding: 'UCS-2', characters: 71, segments: 2, remaining: 63 },
  ])('$name', ({ text, encoding, characters, segments, remaining }) => {
    expect(countSms(text)).toMatchObject({ encoding, characters, segments, remaining });
  });

  it('names the characters that forced UCS-2', () => {
    expect(countSms('Málaga ok 🎉').nonGsmCharacters).toEqual(['á', '🎉']);
  });
});

import { describe, expect, it } from 'vitest';

import { checkDigit, checkTaxId, formatTaxId } from './taxId';

describe('Thai tax ID', () => {
  it('computes the check digit', () => {
    expect(checkDigit('099400012345')).toBe(1);
    expect(checkDigit('110170020336')).toBe(1);
  });

  it('accepts a valid number, with or without separators', () => {
    expect(checkTaxId('0994000123451')).toBe('ok');
    expect(checkTaxId('0-9940-00123-45-1')).toBe('ok');
  });

  it('says what is wrong', () => {
    expect(checkTaxId('')).toBe('empty');
    expect(checkTaxId('099400012345')).toBe('digits');
    expect(checkTaxId('09940001234A1')).toBe('digits');
    expect(checkTaxId('0994000123452')).toBe('checksum');
  });

  it('groups the digits as printed on documents', () => {
    expect(formatTaxId('0994000123451')).toBe('0-9940-00123-45-1');
    expect(formatTaxId('123')).toBe('123');
  });
});

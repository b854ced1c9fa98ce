import { describe, expect, it } from 'vitest';
import { detectWorkMode } from './work-mode.ts';

const mode = (text: string) => detectWorkMode('', text);

describe('detectWorkMode', () => {
  it('reads a stated workplace as onsite', () => {
    expect(mode('Location: On site at our Houston, TX campus')).toBe('onsite');
    expect(mode('This position works on-site in Tampa, FL.')).toBe('onsite');
    expect(mode('You will work in person at the clinic.')).toBe('onsite');
    expect(mode('Reports daily to our downtown medical center.')).toBe('onsite');
    expect(mode('Work Location: One location')).toBe('onsite');
    expect(mode('Remote work is not available for this role.')).toBe('onsite');
    expect(mode('Not eligible for telework. Onsite only.')).toBe('onsite');
    expect(mode('Remote job: No\nTelework eligible: No')).toBe('onsite');
    expect(mode('Telework eligible: No')).toBe('onsite');
  });

  it('reads a mix of office and home days as hybrid', () => {
    expect(mode('Hybrid: 3 days on site in Denver, CO, 2 days remote')).toBe('hybrid');
    expect(mode('Hybrid schedule — on site at our Austin office two days a week')).toBe('hybrid');
    expect(mode('Two days per week in the office, the rest remote.')).toBe('hybrid');
    expect(mode('Work from home three days a week and in the office on Mondays and Fridays... 2 days in office.')).toBe('hybrid');
    expect(mode('This is a partially remote position.')).toBe('hybrid');
    expect(mode('On-site 3 days per week at our Atlanta office.')).toBe('hybrid');
  });

  it('keeps remote when a remote worker is accepted', () => {
    expect(mode('Remote – must reside in TX, OK or LA')).toBe('remote');
    expect(mode('This role can be hybrid or remote.')).toBe('remote');
    expect(mode('Remote unless you live near an office (then two days a week in office).')).toBe('remote');
    expect(mode('100% remote (United States)')).toBe('remote');
  });

  it('does not read unrelated uses of the words', () => {
    expect(mode('Current Title 5 and Hybrid Title 38 employees may apply.')).toBe('unknown');
    expect(mode('Maintains the hybrid medical record (paper and electronic).')).toBe('unknown');
    expect(mode('Provides remote access to the EHR for physicians.')).toBe('unknown');
    expect(mode('Assign codes to charts.')).toBe('unknown');
    expect(mode('This position is located in the HIM Service at the Salem VA Medical Center.')).toBe('unknown');
  });

  it('prefers the source marker over the text', () => {
    expect(detectWorkMode('Hybrid', 'On site at our campus')).toBe('hybrid');
    expect(detectWorkMode('Remote - US', 'in the office')).toBe('remote');
    expect(detectWorkMode('On-site', '')).toBe('onsite');
  });
});

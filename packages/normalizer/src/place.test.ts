import { describe, expect, it } from 'vitest';
import { detectWorkMode, parseLocationText, remotePlaces, remoteRegions, resolveLocation } from './place.ts';

describe('locations', () => {
  it('parses city/state/ZIP and several places', () => {
    expect(parseLocationText('New Orleans, LA, 70112')).toEqual([{ city: 'New Orleans', region: 'LA', postalCode: '70112', country: 'US' }]);
    expect(parseLocationText('Colorado, New Mexico, Wyoming, Nevada').map((l) => l.region)).toEqual(['CO', 'NM', 'WY', 'NV']);
    expect(parseLocationText('Dallas, TX; Durham, North Carolina').map((l) => l.region)).toEqual(['TX', 'NC']);
  });

  it('adds coordinates from ZIP or city', () => {
    const byZip = resolveLocation({ postalCode: '45220' });
    expect(byZip).toMatchObject({ city: 'Cincinnati', region: 'OH', country: 'US' });
    expect(byZip.lat).toBeCloseTo(39.14, 1);
    const byCity = resolveLocation({ city: 'Durham', region: 'North Carolina' });
    expect(byCity.region).toBe('NC');
    expect(byCity.lon).toBeLessThan(-78);
  });
});

describe('work mode and remote regions', () => {
  it('prefers structured markers, then text', () => {
    expect(detectWorkMode('Remote', '')).toBe('remote');
    expect(detectWorkMode('', 'This role can be hybrid or remote.')).toBe('remote');
    expect(detectWorkMode('', 'Hybrid schedule: 3 days in the office.')).toBe('hybrid');
    expect(detectWorkMode('', 'Remote job\nNo\nTelework eligible\nNo')).toBe('onsite');
    expect(detectWorkMode('', 'Assign codes to charts.')).toBe('unknown');
  });

  it('reads the states a remote job accepts', () => {
    expect(remoteRegions('Remote (must reside in TX, OK, LA)')).toEqual(['TX', 'OK', 'LA']);
    expect(remoteRegions('This position is remote in the following states: Florida, Georgia and South Carolina.')).toEqual(['FL', 'GA', 'SC']);
    expect(remoteRegions('Candidates must reside in Oregon to be considered.')).toEqual(['OR']);
    expect(remoteRegions('Remote - Open to residents of TX, FL')).toEqual(['TX', 'FL']);
    expect(remoteRegions('Candidates must be located in one of the following states: Ohio, Indiana')).toEqual(['OH', 'IN']);
    expect(remoteRegions('Our headquarters is located in Nashville, TN. This is a fully remote role open nationwide.')).toEqual([]);
    expect(remoteRegions('Fully remote. We are unable to hire residents of CA, NY or WA.')).toEqual([]);
  });

  it('reads the states a remote job says it cannot hire in', () => {
    expect(remotePlaces('Fully remote. We are unable to hire residents of CA, NY or WA.')).toEqual({ eligible: [], excluded: ['CA', 'NY', 'WA'] });
    expect(remotePlaces('This is a remote position; we cannot hire candidates residing in California, Colorado or New York at this time.').excluded)
      .toEqual(['CA', 'CO', 'NY']);
    expect(remotePlaces('Remote work is not available to applicants in Hawaii or Alaska.').excluded).toEqual(['HI', 'AK']);
    expect(remotePlaces('Remote (excluding CA and NY)')).toEqual({ eligible: [], excluded: ['CA', 'NY'] });
    expect(remotePlaces('Remote - all states except Washington and Illinois.').excluded).toEqual(['WA', 'IL']);
    expect(remotePlaces('Candidates must reside in Texas, Oklahoma or Louisiana. We are unable to employ residents of Oklahoma.'))
      .toEqual({ eligible: ['TX', 'LA'], excluded: ['OK'] });
    // Not exclusions: a state named without a refusal, or a refusal about something else.
    expect(remotePlaces('Remote role supporting our hospitals in Ohio and Kentucky.').excluded).toEqual([]);
    expect(remotePlaces('We are unable to sponsor visas. Remote from any US state.').excluded).toEqual([]);
    expect(remotePlaces('Remote. Weekend coverage required except holidays observed in New York.').excluded).toEqual([]);
  });
});

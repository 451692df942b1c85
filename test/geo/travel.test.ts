import { describe, expect, it } from 'vitest';
import { distanceKm, travel, type IpFacts } from '../../source/geo/index.js';

const lagos = { latitude: 6.5244, longitude: 3.3792 };
const paris = { latitude: 48.8566, longitude: 2.3522 };
const london = { latitude: 51.5074, longitude: -0.1278 };
const newYork = { latitude: 40.7128, longitude: -74.006 };
const sydney = { latitude: -33.8688, longitude: 151.2093 };

function at(
  city: string | undefined,
  place: { latitude: number; longitude: number },
  insideAws = false,
): IpFacts {
  return {
    ip: '203.0.113.1',
    kind: 'public',
    country: 'XX',
    ...(city ? { city } : {}),
    ...place,
    insideAws,
  };
}

const minute = 60_000;
const hour = 60 * minute;

describe('distanceKm', () => {
  it('matches known great-circle distances', () => {
    expect(distanceKm(lagos, paris)).toBeGreaterThan(4740 * 0.98);
    expect(distanceKm(lagos, paris)).toBeLessThan(4740 * 1.02);
    expect(distanceKm(london, newYork)).toBeCloseTo(5570, -2);
    expect(distanceKm(london, sydney)).toBeCloseTo(16_990, -2);
    expect(distanceKm(paris, paris)).toBe(0);
  });

  it('is symmetric and handles the antimeridian and antipodes', () => {
    expect(distanceKm(paris, lagos)).toBeCloseTo(distanceKm(lagos, paris), 6);
    const fiji = { latitude: -17, longitude: 179.9 };
    const samoa = { latitude: -17, longitude: -179.9 };
    expect(distanceKm(fiji, samoa)).toBeLessThan(25);
    expect(distanceKm({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 180 })).toBeCloseTo(
      20_015,
      -1,
    );
  });
});

describe('travel', () => {
  it('calls Lagos → Paris in 12 minutes impossible and returns the numbers', () => {
    const journey = travel(
      { time: 0, facts: at('Lagos', lagos) },
      { time: 12 * minute, facts: at('Paris', paris) },
    );
    expect(journey?.impossible).toBe(true);
    expect(journey?.km).toBeCloseTo(distanceKm(lagos, paris), 6);
    expect(journey?.hours).toBeCloseTo(0.2, 6);
    expect(journey?.kmPerHour).toBeCloseTo(distanceKm(lagos, paris) / 0.2, 3);
  });

  it('allows the same trip at airliner speed, in either order', () => {
    const flight = travel(
      { time: 7 * hour, facts: at('Paris', paris) },
      { time: 0, facts: at('Lagos', lagos) },
    );
    expect(flight?.impossible).toBe(false);
    expect(flight?.hours).toBe(7);
  });

  it('writes off geolocation error before judging the speed', () => {
    // ~4,740 km: minus 500 km of slack at 1,000 km/h is ~4.24 h.
    const tooFast = travel(
      { time: 0, facts: at('Lagos', lagos) },
      { time: 4 * hour, facts: at('Paris', paris) },
    );
    const fastEnough = travel(
      { time: 0, facts: at('Lagos', lagos) },
      { time: 4.5 * hour, facts: at('Paris', paris) },
    );
    expect(tooFast?.impossible).toBe(true);
    expect(fastEnough?.impossible).toBe(false);
  });

  it('never flags nearby places, even at the same instant', () => {
    const brussels = { latitude: 50.8503, longitude: 4.3517 };
    const hop = travel(
      { time: 0, facts: at('Paris', paris) },
      { time: 0, facts: at('Brussels', brussels) },
    );
    expect(hop?.km).toBeLessThan(500);
    expect(hop?.impossible).toBe(false);
    expect(hop?.kmPerHour).toBe(Infinity);
    const still = travel(
      { time: 0, facts: at('Paris', paris) },
      { time: 0, facts: at('Paris', paris) },
    );
    expect(still).toEqual({ km: 0, hours: 0, kmPerHour: 0, impossible: false });
  });

  it('says nothing when either side has no city: a country centroid is not a place', () => {
    expect(
      travel({ time: 0, facts: at(undefined, lagos) }, { time: minute, facts: at('Paris', paris) }),
    ).toBeUndefined();
    const noPosition: IpFacts = { ip: '10.0.0.1', kind: 'private', insideAws: true };
    expect(
      travel({ time: 0, facts: noPosition }, { time: minute, facts: at('Paris', paris) }),
    ).toBeUndefined();
  });

  it('does not flag a hop into AWS: CloudShell and EC2 are not where the person is', () => {
    const ashburn = { latitude: 39.0438, longitude: -77.4874 };
    const journey = travel(
      { time: 0, facts: at('Lagos', lagos) },
      { time: minute, facts: at('Ashburn', ashburn, true) },
    );
    expect(journey?.km).toBeGreaterThan(8000);
    expect(journey?.impossible).toBe(false);
  });

  it('says nothing for times that are not numbers', () => {
    expect(
      travel(
        { time: Number.NaN, facts: at('Lagos', lagos) },
        { time: 0, facts: at('Paris', paris) },
      ),
    ).toBeUndefined();
  });
});

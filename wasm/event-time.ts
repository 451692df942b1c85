// CloudTrail's eventTime read from bytes (part of wasm/record-scan.ts).

function twoDigits(p: usize): i32 {
  const a = <i32>load<u8>(p) - 0x30;
  const b = <i32>load<u8>(p + 1) - 0x30;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** Days from 1970-01-01 to the given civil date (proleptic Gregorian). */
function daysFromCivil(year: i32, month: i32, day: i32): i32 {
  const y = month <= 2 ? year - 1 : year;
  const era = (y >= 0 ? y : y - 399) / 400;
  const yearOfEra = y - era * 400;
  const dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** `YYYY-MM-DDTHH:MM:SSZ` as epoch ms, with the same limits as the ordinary path's; else NaN. */
export function canonicalTime(start: usize, end: usize): f64 {
  if (end - start != 20) return NaN;
  if (load<u8>(start + 4) != 0x2d || load<u8>(start + 7) != 0x2d || load<u8>(start + 10) != 0x54)
    return NaN;
  if (load<u8>(start + 13) != 0x3a || load<u8>(start + 16) != 0x3a || load<u8>(start + 19) != 0x5a)
    return NaN;
  const high = twoDigits(start);
  const low = twoDigits(start + 2);
  if (high < 0 || low < 0) return NaN;
  const year = high * 100 + low;
  const month = twoDigits(start + 5);
  const day = twoDigits(start + 8);
  const hour = twoDigits(start + 11);
  const minute = twoDigits(start + 14);
  const second = twoDigits(start + 17);
  if (month < 1 || month > 12 || day < 1 || day > 28) return NaN;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return NaN;
  // Date.UTC reads years 0..99 as 1900..1999; leave those to the ordinary path.
  if (year < 100) return NaN;
  const days = daysFromCivil(year, month, day);
  return (<f64>days * 86400 + <f64>(hour * 3600 + minute * 60 + second)) * 1000;
}

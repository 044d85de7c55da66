#!/usr/bin/env node
// Builds resources/data/regions.json, the GB/T 2260 division list the region picker
// searches, from the @vant/area-data package (docs/adr/003-region-data.md says why
// that one and what is corrected here). Deterministic: same package, same bytes.
//
//   node scripts/build-regions.mjs           write the file
//   node scripts/build-regions.mjs --check   fail if the committed file is out of date
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { areaList } from '@vant/area-data';
import { pinyin } from 'pinyin-pro';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'resources/data/regions.json');
const require = createRequire(import.meta.url);
const pkg = require('@vant/area-data/package.json');

/**
 * The package states no data date, so we date each version we accept by the latest
 * official change it contains, and refuse a version nobody has looked at yet.
 */
const DATA_DATES = {
  '2.1.0': {
    dataDate: '2024-12',
    basis: '含2024年12月设立的和田地区和安县（653229）、和康县（653228）',
  },
};

/** Prefecture-level cities with no county level (不设区的地级市): the package fills in towns with made-up codes. */
const NO_COUNTY_LEVEL = new Set(['441900', '442000', '460400', '620200']);

/** Still in the package although abolished: 港闸区 (2020, into 崇川区), 梅列区 (2021, into 三元区), 长岛县 (2020, into 蓬莱区). */
const ABOLISHED = new Set(['320611', '350402', '370634']);

/** Functional zones the package lists among districts; they are not divisions in GB/T 2260. */
const NOT_DIVISIONS = new Set(['320112' /* 江北新区 */, '321150' /* 镇江新区 */]);

/**
 * Initials where pinyin-pro reads a place name's character the everyday way,
 * not the way the place is called (单县 Shàn, 乐清 Yuèqīng, 大埔 Dàbù …).
 */
const READINGS = {
  单县: 'sx',
  歙县: 'sx',
  洪洞县: 'htx',
  筠连县: 'jlx',
  涡阳县: 'gyx',
  蔚县: 'yx',
  泌阳县: 'byx',
  大埔县: 'dbx',
  浚县: 'xx',
  乐清市: 'yqs',
  费县: 'bx',
  荥经县: 'yjx',
  犍为县: 'qwx',
  柞水县: 'zsx',
  尉犁县: 'ylx',
  蠡县: 'lx',
};

function level(code) {
  if (code.endsWith('0000')) return 1;
  if (code.endsWith('00')) return 2;
  return 3;
}

function initials(name) {
  if (READINGS[name]) return READINGS[name];
  const letters = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' }).join('').toLowerCase();
  if (!/^[a-z]+$/.test(letters) || letters.length !== [...name].length) {
    throw new Error(`${name}: expected one initial per character, got "${letters}"`);
  }
  return letters;
}

/** Why an entry of the package is left out, or null to keep it. */
function dropReason(code, name) {
  const lv = level(code);
  const province = code.slice(0, 2);
  if (['71', '81', '82'].includes(province) && lv > 1)
    return 'GB/T 2260 lists 台湾省/香港/澳门 as one entry each';
  if (lv === 2 && (/^(11|12|31|50)/.test(province) || code.slice(2, 4) === '90')) {
    return 'grouping, not a prefecture (直辖市的市辖区/县, 省直辖县级行政区划)';
  }
  if (lv === 3 && NO_COUNTY_LEVEL.has(code.slice(0, 4) + '00'))
    return 'town under a city without county level';
  if (lv === 3 && name === '市辖区') return 'placeholder 市辖区';
  if (ABOLISHED.has(code)) return 'abolished';
  if (NOT_DIVISIONS.has(code)) return 'functional zone';
  const suffix = Number(code.slice(4));
  if (lv === 3 && suffix >= 70 && suffix <= 79) return 'statistical zone (7x)';
  if (lv === 3 && suffix >= 90 && !name.endsWith('市')) return 'development zone (9x)';
  if (/(开发区|高新区|工业园区|产业园区|管委会|管理区)$/.test(name)) return 'functional zone';
  return null;
}

function build() {
  const source = [
    ...Object.entries(areaList.province_list),
    ...Object.entries(areaList.city_list),
    ...Object.entries(areaList.county_list),
  ].map(([code, name]) => [String(code).padStart(6, '0'), name]);

  const kept = new Map();
  const dropped = {};
  for (const [code, name] of source) {
    if (!/^\d{6}$/.test(code)) throw new Error(`bad code ${code}`);
    const reason = dropReason(code, name);
    if (reason) dropped[reason] = (dropped[reason] ?? 0) + 1;
    else kept.set(code, name);
  }

  const rows = [...kept.keys()].sort().map((code) => {
    const name = kept.get(code);
    const lv = level(code);
    let parent = '';
    if (lv === 2) parent = code.slice(0, 2) + '0000';
    if (lv === 3) {
      const prefecture = code.slice(0, 4) + '00';
      parent = kept.has(prefecture) ? prefecture : code.slice(0, 2) + '0000';
    }
    if (parent && !kept.has(parent)) throw new Error(`${code} ${name}: parent ${parent} missing`);
    return [code, name, parent, lv, initials(name)];
  });

  const dated = DATA_DATES[pkg.version];
  if (!dated) {
    throw new Error(
      `@vant/area-data ${pkg.version}: date this version in DATA_DATES (see docs/adr/003-region-data.md)`,
    );
  }
  const meta = {
    source: `${pkg.name}@${pkg.version}`,
    standard: 'GB/T 2260',
    dataDate: dated.dataDate,
    dataDateBasis: dated.basis,
    count: rows.length,
    fields: ['code', 'name', 'parent', 'level', 'initials'],
  };
  const body = rows.map((row) => JSON.stringify(row)).join(',\n');
  return { text: `{"meta":${JSON.stringify(meta)},\n"regions":[\n${body}\n]}\n`, rows, dropped };
}

const { text, rows, dropped } = build();
const byLevel = [1, 2, 3].map((lv) => rows.filter((r) => r[3] === lv).length);
const summary = `${rows.length} regions (${byLevel.join('/')} by level), ${Buffer.byteLength(text)} bytes`;
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(OUT, 'utf8');
  } catch {
    /* missing counts as out of date */
  }
  if (current !== text) {
    console.error(`resources/data/regions.json is out of date: run node scripts/build-regions.mjs`);
    process.exit(1);
  }
  console.log(`regions.json up to date: ${summary}`);
} else {
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, text);
  console.log(`wrote resources/data/regions.json: ${summary}`);
  console.log('left out:', dropped);
}

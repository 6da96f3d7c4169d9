var __defProp = Object.defineProperty;
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};

// node_modules/fast-check/lib/rolldown-runtime-D7D4PA-g.js
var __defProp2 = Object.defineProperty;
var __exportAll = (all, no_symbols) => {
  let target = {};
  for (var name in all) __defProp2(target, name, {
    get: all[name],
    enumerable: true
  });
  if (!no_symbols) __defProp2(target, Symbol.toStringTag, { value: "Module" });
  return target;
};

// node_modules/pure-rand/lib/esm/generator/congruential32.js
var MULTIPLIER = 214013;
var INCREMENT = 2531011;
var MASK = 4294967295;
var MASK_2 = -2147483649;
var MULTIPLIER_2 = -1443076087;
var INCREMENT_2 = 505908858;
var MULTIPLIER_3 = 1170746341;
var INCREMENT_3 = -755606699;
var JUMP_MULTIPLIER = 1994129409;
var JUMP_INCREMENT = 916127744;
var LinearCongruential32 = class LinearCongruential322 {
  constructor(seed) {
    this.seed = seed;
  }
  clone() {
    return new LinearCongruential322(this.seed);
  }
  next() {
    const s0 = this.seed;
    const s1 = Math.imul(s0, MULTIPLIER) + INCREMENT | 0;
    const s2 = Math.imul(s0, MULTIPLIER_2) + INCREMENT_2 | 0;
    const s3 = Math.imul(s0, MULTIPLIER_3) + INCREMENT_3 | 0;
    this.seed = s3;
    const v1 = (s1 & MASK_2) >> 16;
    const v2 = (s2 & MASK_2) >> 16;
    return (s3 & MASK_2) >> 16 | v2 << 15 | v1 << 30;
  }
  jump() {
    this.seed = Math.imul(this.seed, JUMP_MULTIPLIER) + JUMP_INCREMENT & MASK;
  }
  getState() {
    return [this.seed];
  }
};
function congruential32(seed) {
  return new LinearCongruential32(seed);
}

// node_modules/pure-rand/lib/esm/generator/mersenne.js
var N = 624;
var M = 397;
var A = 2567483615;
var F = 1812433253;
var U = 11;
var S = 7;
var B = 2636928640;
var T = 15;
var C = 4022730752;
var L = 18;
var MASK_LOWER = 2147483647;
var MASK_UPPER = 2147483648;
var JUMP_COEFS = "SUSgbA\\W`E[]KN2RUSo8XVU?HKBFRl11E\\KoWOg5B]XEWG;BE;1:oVK[`B^Z9Qd23^XTnhL>]Unda4f[X;_j9H5QD=cN<5H`3bW>9bk1mjoI2fK0obmAAINOV:>Mek_V9dd<hZ\\gC3?Fm7FEk07QH_3PLm^@?^i\\QMkgP<]oLHmFnlecg5F@7U^@4jhZ?WZS0k@GHehmM36:5^9;>Hmm`co>k:KOSkSbIINb1VFf>LXgP>GUAQTD>Ci>XMGkUflLlb?_FaFUk@?5N7i70@;1o68ah@I<HFH7R2^J:G][Gf962ITWID9GWK8ElD2G5=DcHcL]cA]P2n7A=[<bInM;IHDQnJMReRXDWbVldnGEIPij`E08Xdci3@0c:IBbD4:Nk]?lEN9j^;T`0blZX7eiWE8c`<ak7j05FZi>AjUDh?M1B?^??FAXKThf<aBOXZf7jXYGK>R<;NHk3S9YhM7STJ6`:MIE`S@7298X8W>PNK=@;lLX<i\\TXLL<W@X[X54H]in8M;;n?kkQbajgAMY=Tf9b;ZKf0QUB2FHYWfnfkDoU9YkcLd95T>lK6GM1YL\\lid:J>KYS=iJ]Y>QlF>?R5_[5QeYC=66;A32Ac>OHk_ne^0g>bK:g;KFPgbGUcPR_Z=TX3H9d03bKZ2IhEPKBo>LSGWd0iFdV8C<Y:<>T[O6lC\\blaZ>GoAYP4clf^j1IfnZJ]QeDe2X<HE[LJNWnaCg[P]Co^:IRbWPY?97UePBlZNNHY6LOBM8P>=h?Ye:_f_Sb9Ki5GDYBF4dWeMfdg^ccPllNWM7G1\\UMdoYeOOD5^e@foA22G?ADYo5:FVG[bWo96;>3kc_c1Ab30>30;1@4F8g2hY?DJ4[LOL;ZLLKo2]jo>[KMDUcR279N_kF=3WL@Dd620bMTdA\\U9k``ef2iD9JgJ8CZBHS>F^Uk;<laeaeHS<15OSeS`PcSSKBRBFY]aQ=EgUXGNg=?d56`KA@2BejY0^[_DCX`L=CGMT=BW^6S1i@2ATBVk>3_ocRA>2U:4GPQ6o>5jX2HIcV3S@On6KB<[SKB?FC_AAji9agbBFkAi\\;4I\\UJ]c36Ub@[;gQACVGY<V]SDJBUU]La\\_a@JdOO8gm2T0DJMa:8Hf7>E]noQ[1Kambn??QQ]S?1i0oMGOijb\\aGY6lQ^CJ?9bFle8<eH4UUjBINX;n8@VOA5ah^URV49B[A?ONHhHAC1J5;;h0SXYlG^0W=eJdHh^K4SGe=1HZLLam;D<Q3AOdbPcdX``82\\jo0En8jRVGC73WMCF9`d:0heS?80?C188cSn7H9<daZ]MgS4Pb^1HkA:1PU^5>^h_g[RQV@PnYBRI_]`B]Bh@Uk03eXGY`I16L76H28X`R>IROMeNVUdU[:lghLhPCQZ:4a<30YBZCYnXe[?;jc8gKI2QH2MjnWBm4nGCZW`aVU2a;P<AMI25mlW_Nm][2?b6o851X@lAm]YZ`bWRF1g<Ga:T]1NXH5Veja5P9S9>:aNg:Th1Y=5o78K>LQ8hW@5S?I83Lk5Xk;j5@I3o[d:4RjE^oS30:WP9gC\\i8aSI>QRE@4lP:7lDg8g2`Ql[2I8aBU\\BQ?B4_clL9Q]S;^e1Ob5[>3JER2`c7B=o]fPOWO<DGi;Niba1PoWPPE_Q3aX0OB0mZej\\f_M[J4Y6]1`h2MkF[GiW8Q^d3^_=<I1N2Q7]2<2j[iP7V3V821FaI]A`93bC^Z\\G=WJ;^Ih?B97_iIF@\\Dl<eK1je8SNTWo_=XFMZH<<JYLZ^YQMPgYOV45K_:]kSI8^XlO0]GY=VUfe_C_F6TOcoAlVUH:o=WhhT@K`2KFhe<3\\KXQ>W:M?S_4S5d@J^`[AGA7@3]DnGSCO`\\?E8HT75^d9\\:m\\m1egIfk8cd6bD9\\eU8\\n[Pb0Cgd^S0n9kGJHb]i5XodlKHc34Fhi9K>0U5WK`>7Ff2^KL=WC6:kc?e5C^a1T1:4:^S5flXlGNIj08AfO?Dh7T7dWO>E]NI9?ob7B7P_h[4TEP[EU;GllFTnSmg9:\\[N]<SAoKP_kPlG56A:I3T6EG8Hj=XnUE`KT5U@OQ?]7[N^MFN1_NU4KO_3::Le`8IL9[1Z1H1;V3SC\\N3]S@4U[F2mhT5dYM7[4Pg_Na0_8WTH0`bgceQS8]EG;XgD4Ib4iLTP@kE79Mn>AYRJA1U5^Blhgno:aHVYc03c3J0Vc9FjEV^M75Zfd8kVC9>iJDk`AJ[6f7DK2D^DL\\AX:6b5h31XH;RQB\\N<ZSM=J;6L[`UW^eOIFc1Y]6_dfedIe4ARh72mTXC0WND_IDHVCZRDE0eODARCEETQI5TPUQE=jEH5bS?LP[ai`F5ABRYDo2o\\@=]GT?_9;hc4Lm:\\SF9k1T<0E@fX9BG[]g0nY7k[Qmi@la8`PF0j6@Q?Ii7bLkXQ<lLHf]`:DCh@9JY5>hEVLTdhL\\b1EB0lLh<=WaO@F<;8g<d:@e:LA:cFIEdmQh7hNHfSRToW?8N4:Z1K;XEDRO;OIDh<UdVln?bjgL>?VE98[B\\K<BVjkG8LiSX;fb>jf?DUK00Aih<WY6QD6cEnHBZ8iN_fd<G8Ci`11RUW2QlW]IXV:m?;J0GXXHfGNQ>:D`=fLPbO?VOTEYLj^cNj5PM>jKB5HVjJ4U7lXaTQNL9<@\\1`m\\Ug@VQHd7>jW=ca0`miF7;N0F=GjoQ`RFchKMGTmn8cF@Oh4GGCm7m2`U9j93Tb>=kSERjE_J939F01I1;`<ijk_=_Vn=7RVAI6fnQI5KlF:C44bN<<8K=Z<2TP<1]5?<dB>^LA=ebloE2Y2:9lkh0\\<YKbHD97iE`<C5oj^1>X:??`H6BXF2hG1Q[dF0Q=>W=J?7C\\k1T?<;R44oW?1hY^G8Zm]ZKnfOf0eCFYo6?=D8?<`6HU5SXh1;=:23LmV_FSi;OJfV<^?GkIDPISeHg1LaGE:V3Y3K3H<QJfbY?=;ldZRhnhQT_mGXDLFXXhSONE6Do_0iNZagB:BPGOTH;VhHUTd6LhQm^[;dO]5Hlkg<R:F<Kn\\:I:EGojgWZ2X@SYO_dlH;G8S<>oEKabY`:oU;=JW7ig?S?EYb86b7n8ce\\]IRa]koiWY<RfO;5kUI;7lVeC?[@ZaXDiF04B8R]bg@>O<mQDoUcBLcf^f>m2kMBUloD>Ze@NN^Z11TM`inXYhE_I=kA`:ZF4d\\>`L@;ZP[`ENU5cL[BV6\\Z?Di76:jg3hE6oG6jFc8kP=[GS1;WSedYQW1:U4\\OF32GgmMC<AjO]872bdBb`bKAA?8j78b>T3VfcUB2m4J^CPRU;8dScI]LU]^bBYA5_3:Y0N5i^?200000";
var MersenneTwister = class MersenneTwister2 {
  constructor(states, index) {
    this.states = states;
    this.index = index;
  }
  clone() {
    return new MersenneTwister2(this.states.slice(), this.index);
  }
  next() {
    let y = this.states[this.index];
    y ^= y >>> U;
    y ^= y << S & B;
    y ^= y << T & C;
    y ^= y >>> L;
    this.index = twistedNext(this.states, this.index);
    return y;
  }
  getState() {
    return [this.index, ...this.states];
  }
  jump() {
    const originalStates = this.states.slice();
    const originalIndex = this.index;
    this.index = twistedNext(this.states, this.index);
    for (let i = 19932; i > 0; --i) {
      if (JUMP_COEFS.charCodeAt(i / 6 | 0) - 48 & 1 << i % 6) addState(this.states, this.index, originalStates, originalIndex);
      this.index = twistedNext(this.states, this.index);
    }
    addState(this.states, this.index, originalStates, originalIndex);
  }
};
function addState(mt, idx, originalMt, originalIdx) {
  let i = 0;
  if (originalIdx >= idx) {
    for (; i < N - originalIdx; i++) mt[i + idx] ^= originalMt[i + originalIdx];
    for (; i < N - idx; i++) mt[i + idx] ^= originalMt[i + originalIdx - N];
    for (; i < N; i++) mt[i + idx - N] ^= originalMt[i + originalIdx - N];
  } else {
    for (; i < N - idx; i++) mt[i + idx] ^= originalMt[i + originalIdx];
    for (; i < N - originalIdx; i++) mt[i + idx - N] ^= originalMt[i + originalIdx];
    for (; i < N; i++) mt[i + idx - N] ^= originalMt[i + originalIdx - N];
  }
}
function twistedNext(mt, idx) {
  if (idx < N - M) {
    const y = mt[idx] & MASK_UPPER | mt[idx + 1] & MASK_LOWER;
    mt[idx] = mt[idx + M] ^ y >>> 1 ^ -(y & 1) & A;
    return idx + 1;
  } else if (idx < N - 1) {
    const y = mt[idx] & MASK_UPPER | mt[idx + 1] & MASK_LOWER;
    mt[idx] = mt[idx + M - N] ^ y >>> 1 ^ -(y & 1) & A;
    return idx + 1;
  } else {
    const y = mt[idx] & MASK_UPPER | mt[0] & MASK_LOWER;
    mt[idx] = mt[M - 1] ^ y >>> 1 ^ -(y & 1) & A;
    return 0;
  }
}
function twist(mt) {
  for (let idx = 0; idx !== N; ++idx) twistedNext(mt, idx);
}
function mersenne(seed) {
  const out2 = [seed | 0];
  for (let idx = 1; idx !== N; ++idx) {
    const xored = out2[idx - 1] ^ out2[idx - 1] >>> 30;
    out2.push(Math.imul(F, xored) + idx | 0);
  }
  twist(out2);
  return new MersenneTwister(out2, 0);
}

// node_modules/pure-rand/lib/esm/generator/xorshift128plus.js
var jumps = [
  1667051007,
  2321340297,
  1548169110,
  304075285
];
var XorShift128Plus = class XorShift128Plus2 {
  constructor(s01, s00, s11, s10) {
    this.s01 = s01;
    this.s00 = s00;
    this.s11 = s11;
    this.s10 = s10;
  }
  clone() {
    return new XorShift128Plus2(this.s01, this.s00, this.s11, this.s10);
  }
  next() {
    const a0 = this.s00 ^ this.s00 << 23;
    const a1 = this.s01 ^ (this.s01 << 23 | this.s00 >>> 9);
    const s10 = this.s10;
    const s11 = this.s11;
    const out2 = this.s00 + s10 | 0;
    this.s01 = s11;
    this.s00 = s10;
    this.s11 = a1 ^ s11 ^ a1 >>> 18 ^ s11 >>> 5;
    this.s10 = a0 ^ s10 ^ (a0 >>> 18 | a1 << 14) ^ (s10 >>> 5 | s11 << 27);
    return out2;
  }
  jump() {
    let ns01 = 0;
    let ns00 = 0;
    let ns11 = 0;
    let ns10 = 0;
    let s01 = this.s01;
    let s00 = this.s00;
    let s11 = this.s11;
    let s10 = this.s10;
    for (let i = 0; i !== 4; ++i) {
      const ji = jumps[i];
      for (let mask = 1; mask; mask <<= 1) {
        if (ji & mask) {
          ns01 ^= s01;
          ns00 ^= s00;
          ns11 ^= s11;
          ns10 ^= s10;
        }
        const a0 = s00 ^ s00 << 23;
        const a1 = s01 ^ (s01 << 23 | s00 >>> 9);
        s01 = s11;
        s00 = s10;
        s10 = a0 ^ s10 ^ (a0 >>> 18 | a1 << 14) ^ (s10 >>> 5 | s11 << 27);
        s11 = a1 ^ s11 ^ a1 >>> 18 ^ s11 >>> 5;
      }
    }
    this.s01 = ns01;
    this.s00 = ns00;
    this.s11 = ns11;
    this.s10 = ns10;
  }
  getState() {
    return [
      this.s01,
      this.s00,
      this.s11,
      this.s10
    ];
  }
};
function xorshift128plus(seed) {
  return new XorShift128Plus(-1, ~seed, seed | 0, 0);
}

// node_modules/pure-rand/lib/esm/generator/xoroshiro128plus.js
var jumps2 = [
  3639956645,
  3750757012,
  1261568508,
  386426335
];
var XoroShiro128Plus = class XoroShiro128Plus2 {
  constructor(s01, s00, s11, s10) {
    this.s01 = s01;
    this.s00 = s00;
    this.s11 = s11;
    this.s10 = s10;
  }
  clone() {
    return new XoroShiro128Plus2(this.s01, this.s00, this.s11, this.s10);
  }
  next() {
    const out2 = this.s00 + this.s10 | 0;
    const a0 = this.s10 ^ this.s00;
    const a1 = this.s11 ^ this.s01;
    const s00 = this.s00;
    const s01 = this.s01;
    this.s00 = s00 << 24 ^ s01 >>> 8 ^ a0 ^ a0 << 16;
    this.s01 = s01 << 24 ^ s00 >>> 8 ^ a1 ^ (a1 << 16 | a0 >>> 16);
    this.s10 = a1 << 5 ^ a0 >>> 27;
    this.s11 = a0 << 5 ^ a1 >>> 27;
    return out2;
  }
  jump() {
    let ns01 = 0;
    let ns00 = 0;
    let ns11 = 0;
    let ns10 = 0;
    let s01 = this.s01;
    let s00 = this.s00;
    let s11 = this.s11;
    let s10 = this.s10;
    for (let i = 0; i !== 4; ++i) {
      const ji = jumps2[i];
      for (let mask = 1; mask; mask <<= 1) {
        if (ji & mask) {
          ns01 ^= s01;
          ns00 ^= s00;
          ns11 ^= s11;
          ns10 ^= s10;
        }
        const a0 = s10 ^ s00;
        const a1 = s11 ^ s01;
        const s00_ = s00;
        const s01_ = s01;
        s00 = s00_ << 24 ^ s01_ >>> 8 ^ a0 ^ a0 << 16;
        s01 = s01_ << 24 ^ s00_ >>> 8 ^ a1 ^ (a1 << 16 | a0 >>> 16);
        s10 = a1 << 5 ^ a0 >>> 27;
        s11 = a0 << 5 ^ a1 >>> 27;
      }
    }
    this.s01 = ns01;
    this.s00 = ns00;
    this.s11 = ns11;
    this.s10 = ns10;
  }
  getState() {
    return [
      this.s01,
      this.s00,
      this.s11,
      this.s10
    ];
  }
};
function xoroshiro128plus(seed) {
  return new XoroShiro128Plus(-1, ~seed, seed | 0, 0);
}

// node_modules/pure-rand/lib/esm/utils/skipN.js
function skipN(rng, num2) {
  for (let idx = 0; idx !== num2; ++idx) rng.next();
}

// node_modules/pure-rand/lib/esm/distribution/uniformBigInt.js
var SBigInt = BigInt;
var NumValues = 4294967296n;
function uniformBigInt(rng, from, to) {
  const diff = to - from + 1n;
  let FinalNumValues = NumValues;
  let NumIterations = 1;
  while (FinalNumValues < diff) {
    FinalNumValues <<= 32n;
    ++NumIterations;
  }
  let value = generateNext(NumIterations, rng);
  if (value < diff) return value + from;
  if (value + diff < FinalNumValues) return value % diff + from;
  const MaxAcceptedRandom = FinalNumValues - FinalNumValues % diff;
  while (value >= MaxAcceptedRandom) value = generateNext(NumIterations, rng);
  return value % diff + from;
}
function generateNext(NumIterations, rng) {
  let value = SBigInt(rng.next() + 2147483648);
  for (let num2 = 1; num2 < NumIterations; ++num2) {
    const out2 = rng.next();
    value = (value << 32n) + SBigInt(out2 + 2147483648);
  }
  return value;
}

// node_modules/pure-rand/lib/esm/distribution/uniformInt.js
function uniformIntInternal(rng, rangeSize) {
  const MaxAllowed = rangeSize > 2 ? ~~(4294967296 / rangeSize) * rangeSize : 4294967296;
  let deltaV = rng.next() + 2147483648;
  while (deltaV >= MaxAllowed) deltaV = rng.next() + 2147483648;
  return deltaV % rangeSize;
}
function fromNumberToArrayInt64(out2, n) {
  if (n < 0) {
    const posN = -n;
    out2.sign = -1;
    out2.data[0] = ~~(posN / 4294967296);
    out2.data[1] = posN >>> 0;
  } else {
    out2.sign = 1;
    out2.data[0] = ~~(n / 4294967296);
    out2.data[1] = n >>> 0;
  }
  return out2;
}
function substractArrayInt64(out2, arrayIntA, arrayIntB) {
  const lowA = arrayIntA.data[1];
  const highA = arrayIntA.data[0];
  const signA = arrayIntA.sign;
  const lowB = arrayIntB.data[1];
  const highB = arrayIntB.data[0];
  const signB = arrayIntB.sign;
  out2.sign = 1;
  if (signA === 1 && signB === -1) {
    const low2 = lowA + lowB;
    const high = highA + highB + (low2 > 4294967295 ? 1 : 0);
    out2.data[0] = high >>> 0;
    out2.data[1] = low2 >>> 0;
    return out2;
  }
  let lowFirst = lowA;
  let highFirst = highA;
  let lowSecond = lowB;
  let highSecond = highB;
  if (signA === -1) {
    lowFirst = lowB;
    highFirst = highB;
    lowSecond = lowA;
    highSecond = highA;
  }
  let reminderLow = 0;
  let low = lowFirst - lowSecond;
  if (low < 0) {
    reminderLow = 1;
    low = low >>> 0;
  }
  out2.data[0] = highFirst - highSecond - reminderLow;
  out2.data[1] = low;
  return out2;
}
function uniformArrayIntInternal(rng, out2, rangeSize) {
  const maxIndex0 = rangeSize[0] + 1;
  out2[0] = uniformIntInternal(rng, maxIndex0);
  out2[1] = uniformIntInternal(rng, 4294967296);
  while (out2[0] >= rangeSize[0] && (out2[0] !== rangeSize[0] || out2[1] >= rangeSize[1])) {
    out2[0] = uniformIntInternal(rng, maxIndex0);
    out2[1] = uniformIntInternal(rng, 4294967296);
  }
  return out2;
}
var safeNumberMaxSafeInteger = Number.MAX_SAFE_INTEGER;
var sharedA = {
  sign: 1,
  data: [0, 0]
};
var sharedB = {
  sign: 1,
  data: [0, 0]
};
var sharedC = {
  sign: 1,
  data: [0, 0]
};
var sharedData = [0, 0];
function uniformLargeIntInternal(rng, from, to, rangeSize) {
  const rangeSizeArrayIntValue = rangeSize <= safeNumberMaxSafeInteger ? fromNumberToArrayInt64(sharedC, rangeSize) : substractArrayInt64(sharedC, fromNumberToArrayInt64(sharedA, to), fromNumberToArrayInt64(sharedB, from));
  if (rangeSizeArrayIntValue.data[1] === 4294967295) {
    rangeSizeArrayIntValue.data[0] += 1;
    rangeSizeArrayIntValue.data[1] = 0;
  } else rangeSizeArrayIntValue.data[1] += 1;
  uniformArrayIntInternal(rng, sharedData, rangeSizeArrayIntValue.data);
  return sharedData[0] * 4294967296 + sharedData[1] + from;
}
function uniformInt(rng, from, to) {
  const rangeSize = to - from;
  if (rangeSize <= 4294967295) return uniformIntInternal(rng, rangeSize + 1) + from;
  return uniformLargeIntInternal(rng, from, to, rangeSize);
}

// node_modules/fast-check/lib/fast-check.js
var SharedFootPrint = /* @__PURE__ */ Symbol.for("fast-check/PreconditionFailure");
var PreconditionFailure = class extends Error {
  constructor(interruptExecution = false) {
    super();
    this.interruptExecution = interruptExecution;
    this.footprint = SharedFootPrint;
  }
  static isFailure(err) {
    return err !== null && err !== void 0 && err.footprint === SharedFootPrint;
  }
};
function pre(expectTruthy) {
  if (!expectTruthy) throw new PreconditionFailure();
}
var Nil = class {
  [Symbol.iterator]() {
    return this;
  }
  next(value) {
    return {
      value,
      done: true
    };
  }
};
var nil = new Nil();
function nilHelper() {
  return nil;
}
function* mapHelper(g, f) {
  for (const v of g) yield f(v);
}
function* flatMapHelper(g, f) {
  for (const v of g) yield* f(v);
}
function* filterHelper(g, f) {
  for (const v of g) if (f(v)) yield v;
}
function* takeNHelper(g, n) {
  for (let i = 0; i < n; ++i) {
    const cur = g.next();
    if (cur.done) break;
    yield cur.value;
  }
}
function* takeWhileHelper(g, f) {
  let cur = g.next();
  while (!cur.done && f(cur.value)) {
    yield cur.value;
    cur = g.next();
  }
}
function* joinHelper(g, others) {
  for (let cur = g.next(); !cur.done; cur = g.next()) yield cur.value;
  for (const s of others) for (let cur = s.next(); !cur.done; cur = s.next()) yield cur.value;
}
var safeSymbolIterator$1 = Symbol.iterator;
var Stream = class Stream2 {
  /**
  * Create an empty stream of T
  * @remarks Since 0.0.1
  */
  static nil() {
    return new Stream2(nilHelper());
  }
  /**
  * Create a stream of T from a variable number of elements
  *
  * @param elements - Elements used to create the Stream
  * @remarks Since 2.12.0
  */
  static of(...elements) {
    return new Stream2(elements[safeSymbolIterator$1]());
  }
  /**
  * Create a Stream based on `g`
  * @param g - Underlying data of the Stream
  */
  constructor(g) {
    this.g = g;
  }
  next() {
    return this.g.next();
  }
  [Symbol.iterator]() {
    return this.g;
  }
  /**
  * Map all elements of the Stream using `f`
  *
  * WARNING: It closes the current stream
  *
  * @param f - Mapper function
  * @remarks Since 0.0.1
  */
  map(f) {
    return new Stream2(mapHelper(this.g, f));
  }
  /**
  * Flat map all elements of the Stream using `f`
  *
  * WARNING: It closes the current stream
  *
  * @param f - Mapper function
  * @remarks Since 0.0.1
  */
  flatMap(f) {
    return new Stream2(flatMapHelper(this.g, f));
  }
  /**
  * Drop elements from the Stream while `f(element) === true`
  *
  * WARNING: It closes the current stream
  *
  * @param f - Drop condition
  * @remarks Since 0.0.1
  */
  dropWhile(f) {
    let foundEligible = false;
    function* helper(v) {
      if (foundEligible || !f(v)) {
        foundEligible = true;
        yield v;
      }
    }
    return this.flatMap(helper);
  }
  /**
  * Drop `n` first elements of the Stream
  *
  * WARNING: It closes the current stream
  *
  * @param n - Number of elements to drop
  * @remarks Since 0.0.1
  */
  drop(n) {
    if (n <= 0) return this;
    let idx = 0;
    function helper() {
      return idx++ < n;
    }
    return this.dropWhile(helper);
  }
  /**
  * Take elements from the Stream while `f(element) === true`
  *
  * WARNING: It closes the current stream
  *
  * @param f - Take condition
  * @remarks Since 0.0.1
  */
  takeWhile(f) {
    return new Stream2(takeWhileHelper(this.g, f));
  }
  /**
  * Take `n` first elements of the Stream
  *
  * WARNING: It closes the current stream
  *
  * @param n - Number of elements to take
  * @remarks Since 0.0.1
  */
  take(n) {
    return new Stream2(takeNHelper(this.g, n));
  }
  filter(f) {
    return new Stream2(filterHelper(this.g, f));
  }
  /**
  * Check whether all elements of the Stream are successful for `f`
  *
  * WARNING: It closes the current stream
  *
  * @param f - Condition to check
  * @remarks Since 0.0.1
  */
  every(f) {
    for (const v of this.g) if (!f(v)) return false;
    return true;
  }
  /**
  * Check whether one of the elements of the Stream is successful for `f`
  *
  * WARNING: It closes the current stream
  *
  * @param f - Condition to check
  * @remarks Since 0.0.1
  */
  has(f) {
    for (const v of this.g) if (f(v)) return [true, v];
    return [false, null];
  }
  /**
  * Join `others` Stream to the current Stream
  *
  * WARNING: It closes the current stream and the other ones (as soon as it iterates over them)
  *
  * @param others - Streams to join to the current Stream
  * @remarks Since 0.0.1
  */
  join(...others) {
    return new Stream2(joinHelper(this.g, others));
  }
  /**
  * Take the `nth` element of the Stream of the last (if it does not exist)
  *
  * WARNING: It closes the current stream
  *
  * @param nth - Position of the element to extract
  * @remarks Since 0.0.12
  */
  getNthOrLast(nth) {
    let remaining = nth;
    let last = null;
    for (const v of this.g) {
      if (remaining-- === 0) return v;
      last = v;
    }
    return last;
  }
};
function stream(g) {
  return new Stream(g);
}
var cloneMethod = /* @__PURE__ */ Symbol.for("fast-check/cloneMethod");
function hasCloneMethod(instance) {
  return instance !== null && (typeof instance === "object" || typeof instance === "function") && cloneMethod in instance && typeof instance[cloneMethod] === "function";
}
function cloneIfNeeded(instance) {
  return hasCloneMethod(instance) ? instance[cloneMethod]() : instance;
}
var safeObjectDefineProperty$4 = Object.defineProperty;
var Value = class {
  /**
  * @param value_ - Internal value of the shrinkable
  * @param context - Context associated to the generated value (useful for shrink)
  * @param customGetValue - Limited to internal usages (to ease migration to next), it will be removed on next major
  */
  constructor(value_, context2, customGetValue) {
    this.value_ = value_;
    this.context = context2;
    this.hasToBeCloned = customGetValue !== void 0 || hasCloneMethod(value_);
    this.readOnce = false;
    this.value = value_;
    if (this.hasToBeCloned) safeObjectDefineProperty$4(this, "value", {
      get: customGetValue !== void 0 ? customGetValue : this.getValue,
      enumerable: false,
      configurable: false
    });
  }
  /** @internal */
  getValue() {
    if (this.hasToBeCloned) {
      if (!this.readOnce) {
        this.readOnce = true;
        return this.value_;
      }
      return this.value_[cloneMethod]();
    }
    return this.value_;
  }
};
var Arbitrary = class {
  filter(refinement) {
    return new FilterArbitrary(this, refinement);
  }
  /**
  * Create another arbitrary by mapping all produced values using the provided `mapper`
  * Values produced by the new arbitrary are the result of applying `mapper` value by value
  *
  * @example
  * ```typescript
  * const rgbChannels: Arbitrary<{r:number,g:number,b:number}> = ...;
  * const color: Arbitrary<string> = rgbChannels.map(ch => `#${(ch.r*65536 + ch.g*256 + ch.b).toString(16).padStart(6, '0')}`);
  * // transform an Arbitrary producing {r,g,b} integers into an Arbitrary of '#rrggbb'
  * ```
  *
  * @param mapper - Map function, to produce a new element based on an old one
  * @param unmapper - Optional unmap function, it will never be used except when shrinking user defined values. Must throw if value is not compatible (since 3.0.0)
  * @returns New arbitrary with mapped elements
  *
  * @remarks Since 0.0.1
  */
  map(mapper, unmapper) {
    return new MapArbitrary(this, mapper, unmapper);
  }
  /**
  * Create another arbitrary by mapping a value from a base Arbirary using the provided `fmapper`
  * Values produced by the new arbitrary are the result of the arbitrary generated by applying `fmapper` to a value
  * @example
  * ```typescript
  * const arrayAndLimitArbitrary = fc.nat().chain((c: number) => fc.tuple( fc.array(fc.nat(c)), fc.constant(c)));
  * ```
  *
  * @param chainer - Chain function, to produce a new Arbitrary using a value from another Arbitrary
  * @returns New arbitrary of new type
  *
  * @remarks Since 1.2.0
  */
  chain(chainer) {
    return new ChainArbitrary(this, chainer);
  }
};
var ChainArbitrary = class extends Arbitrary {
  constructor(arb, chainer) {
    super();
    this.arb = arb;
    this.chainer = chainer;
  }
  generate(mrng, biasFactor) {
    const clonedMrng = mrng.clone();
    const src = this.arb.generate(mrng, biasFactor);
    return this.valueChainer(src, mrng, clonedMrng, biasFactor);
  }
  canShrinkWithoutContext(_value) {
    return false;
  }
  shrink(value, context2) {
    if (this.isSafeContext(context2)) return (!context2.stoppedForOriginal ? this.arb.shrink(context2.originalValue, context2.originalContext).map((v) => this.valueChainer(v, context2.clonedMrng.clone(), context2.clonedMrng, context2.originalBias)) : Stream.nil()).join(context2.chainedArbitrary.shrink(value, context2.chainedContext).map((dst) => {
      const newContext = {
        ...context2,
        chainedContext: dst.context,
        stoppedForOriginal: true
      };
      return new Value(dst.value_, newContext);
    }));
    return Stream.nil();
  }
  valueChainer(v, generateMrng, clonedMrng, biasFactor) {
    const chainedArbitrary = this.chainer(v.value_);
    const dst = chainedArbitrary.generate(generateMrng, biasFactor);
    const context2 = {
      originalBias: biasFactor,
      originalValue: v.value_,
      originalContext: v.context,
      stoppedForOriginal: false,
      chainedArbitrary,
      chainedContext: dst.context,
      clonedMrng
    };
    return new Value(dst.value_, context2);
  }
  isSafeContext(context2) {
    return context2 !== null && context2 !== void 0 && typeof context2 === "object" && "originalBias" in context2 && "originalValue" in context2 && "originalContext" in context2 && "stoppedForOriginal" in context2 && "chainedArbitrary" in context2 && "chainedContext" in context2 && "clonedMrng" in context2;
  }
};
function mapperWithCloneIfNeeded(v, mapper) {
  const sourceValue = v.value;
  const mappedValue = mapper(sourceValue);
  if (v.hasToBeCloned && (typeof mappedValue === "object" && mappedValue !== null || typeof mappedValue === "function") && Object.isExtensible(mappedValue) && !hasCloneMethod(mappedValue)) Object.defineProperty(mappedValue, cloneMethod, { get: () => () => mapperWithCloneIfNeeded(v, mapper)[0] });
  return [mappedValue, sourceValue];
}
function valueMapper(v, mapper) {
  const [mappedValue, sourceValue] = mapperWithCloneIfNeeded(v, mapper);
  return new Value(mappedValue, {
    originalValue: sourceValue,
    originalContext: v.context
  });
}
var MapArbitrary = class extends Arbitrary {
  constructor(arb, mapper, unmapper) {
    super();
    this.arb = arb;
    this.mapper = mapper;
    this.unmapper = unmapper;
    this.bindValueMapper = (v) => valueMapper(v, mapper);
  }
  generate(mrng, biasFactor) {
    const g = this.arb.generate(mrng, biasFactor);
    if (!g.hasToBeCloned) {
      const sourceValue = g.value;
      return new Value(this.mapper(sourceValue), {
        originalValue: sourceValue,
        originalContext: g.context
      });
    }
    return valueMapper(g, this.mapper);
  }
  canShrinkWithoutContext(value) {
    if (this.unmapper !== void 0) try {
      const unmapped = this.unmapper(value);
      return this.arb.canShrinkWithoutContext(unmapped);
    } catch {
      return false;
    }
    return false;
  }
  shrink(value, context2) {
    if (this.isSafeContext(context2)) return this.arb.shrink(context2.originalValue, context2.originalContext).map(this.bindValueMapper);
    if (this.unmapper !== void 0) {
      const unmapped = this.unmapper(value);
      return this.arb.shrink(unmapped, void 0).map(this.bindValueMapper);
    }
    return Stream.nil();
  }
  isSafeContext(context2) {
    return context2 !== null && context2 !== void 0 && typeof context2 === "object" && "originalValue" in context2 && "originalContext" in context2;
  }
};
var FilterArbitrary = class extends Arbitrary {
  constructor(arb, refinement) {
    super();
    this.arb = arb;
    this.refinement = refinement;
    this.bindRefinementOnValue = (v) => this.refinementOnValue(v);
  }
  generate(mrng, biasFactor) {
    while (true) {
      const g = this.arb.generate(mrng, biasFactor);
      if (this.refinementOnValue(g)) return g;
    }
  }
  canShrinkWithoutContext(value) {
    return this.arb.canShrinkWithoutContext(value) && this.refinement(value);
  }
  shrink(value, context2) {
    return this.arb.shrink(value, context2).filter(this.bindRefinementOnValue);
  }
  refinementOnValue(v) {
    return this.refinement(v.value);
  }
};
function isArbitrary(instance) {
  return typeof instance === "object" && instance !== null && "generate" in instance && "shrink" in instance && "canShrinkWithoutContext" in instance;
}
function assertIsArbitrary(instance) {
  if (!isArbitrary(instance)) throw new Error("Unexpected value received: not an instance of Arbitrary");
}
var untouchedApply = Function.prototype.apply;
var ApplySymbol = /* @__PURE__ */ Symbol("apply");
function safeExtractApply(f) {
  try {
    return f.apply;
  } catch {
    return;
  }
}
function safeApplyHacky(f, instance, args) {
  const ff = f;
  ff[ApplySymbol] = untouchedApply;
  const out2 = ff[ApplySymbol](instance, args);
  delete ff[ApplySymbol];
  return out2;
}
function safeApply(f, instance, args) {
  if (safeExtractApply(f) === untouchedApply) return f.apply(instance, args);
  return safeApplyHacky(f, instance, args);
}
var SArray = Array;
var SBigInt2 = BigInt;
var SBigInt64Array = BigInt64Array;
var SBigUint64Array = BigUint64Array;
var SBoolean = Boolean;
var SDate = Date;
var SError = Error;
var SFloat32Array = Float32Array;
var SFloat64Array = Float64Array;
var SInt8Array = Int8Array;
var SInt16Array = Int16Array;
var SInt32Array = Int32Array;
var SNumber = Number;
var SString = String;
var SSet = Set;
var SUint8Array = Uint8Array;
var SUint8ClampedArray = Uint8ClampedArray;
var SUint16Array = Uint16Array;
var SUint32Array = Uint32Array;
var SencodeURIComponent = encodeURIComponent;
var SMap$2 = Map;
var SSymbol = Symbol;
var untouchedForEach = Array.prototype.forEach;
var untouchedIndexOf = Array.prototype.indexOf;
var untouchedJoin = Array.prototype.join;
var untouchedMap = Array.prototype.map;
var untouchedFlat = Array.prototype.flat;
var untouchedFilter = Array.prototype.filter;
var untouchedPush = Array.prototype.push;
var untouchedPop = Array.prototype.pop;
var untouchedSplice = Array.prototype.splice;
var untouchedSlice = Array.prototype.slice;
var untouchedSort = Array.prototype.sort;
var untouchedEvery = Array.prototype.every;
function extractForEach(instance) {
  try {
    return instance.forEach;
  } catch {
    return;
  }
}
function extractIndexOf(instance) {
  try {
    return instance.indexOf;
  } catch {
    return;
  }
}
function extractJoin(instance) {
  try {
    return instance.join;
  } catch {
    return;
  }
}
function extractMap(instance) {
  try {
    return instance.map;
  } catch {
    return;
  }
}
function extractFlat(instance) {
  try {
    return instance.flat;
  } catch {
    return;
  }
}
function extractFilter(instance) {
  try {
    return instance.filter;
  } catch {
    return;
  }
}
function extractPush(instance) {
  try {
    return instance.push;
  } catch {
    return;
  }
}
function extractPop(instance) {
  try {
    return instance.pop;
  } catch {
    return;
  }
}
function extractSplice(instance) {
  try {
    return instance.splice;
  } catch {
    return;
  }
}
function extractSlice(instance) {
  try {
    return instance.slice;
  } catch {
    return;
  }
}
function extractSort(instance) {
  try {
    return instance.sort;
  } catch {
    return;
  }
}
function extractEvery(instance) {
  try {
    return instance.every;
  } catch {
    return;
  }
}
function safeForEach(instance, fn) {
  if (extractForEach(instance) === untouchedForEach) return instance.forEach(fn);
  return safeApply(untouchedForEach, instance, [fn]);
}
function safeIndexOf(instance, ...args) {
  if (extractIndexOf(instance) === untouchedIndexOf) return instance.indexOf(...args);
  return safeApply(untouchedIndexOf, instance, args);
}
function safeJoin(instance, ...args) {
  if (extractJoin(instance) === untouchedJoin) return instance.join(...args);
  return safeApply(untouchedJoin, instance, args);
}
function safeMap(instance, fn) {
  if (extractMap(instance) === untouchedMap) return instance.map(fn);
  return safeApply(untouchedMap, instance, [fn]);
}
function safeFlat(instance, depth) {
  if (extractFlat(instance) === untouchedFlat) {
    [].flat();
    return instance.flat(depth);
  }
  return safeApply(untouchedFlat, instance, [depth]);
}
function safeFilter(instance, predicate) {
  if (extractFilter(instance) === untouchedFilter) return instance.filter(predicate);
  return safeApply(untouchedFilter, instance, [predicate]);
}
function safePush(instance, ...args) {
  if (extractPush(instance) === untouchedPush) return instance.push(...args);
  return safeApply(untouchedPush, instance, args);
}
function safePop$1(instance) {
  if (extractPop(instance) === untouchedPop) return instance.pop();
  return safeApply(untouchedPop, instance, []);
}
function safeSplice(instance, ...args) {
  if (extractSplice(instance) === untouchedSplice) return instance.splice(...args);
  return safeApply(untouchedSplice, instance, args);
}
function safeSlice(instance, ...args) {
  if (extractSlice(instance) === untouchedSlice) return instance.slice(...args);
  return safeApply(untouchedSlice, instance, args);
}
function safeSort(instance, ...args) {
  if (extractSort(instance) === untouchedSort) return instance.sort(...args);
  return safeApply(untouchedSort, instance, args);
}
function safeEvery(instance, ...args) {
  if (extractEvery(instance) === untouchedEvery) return instance.every(...args);
  return safeApply(untouchedEvery, instance, args);
}
var untouchedGetTime = Date.prototype.getTime;
var untouchedToISOString = Date.prototype.toISOString;
function extractGetTime(instance) {
  try {
    return instance.getTime;
  } catch {
    return;
  }
}
function extractToISOString(instance) {
  try {
    return instance.toISOString;
  } catch {
    return;
  }
}
function safeGetTime(instance) {
  if (extractGetTime(instance) === untouchedGetTime) return instance.getTime();
  return safeApply(untouchedGetTime, instance, []);
}
function safeToISOString(instance) {
  if (extractToISOString(instance) === untouchedToISOString) return instance.toISOString();
  return safeApply(untouchedToISOString, instance, []);
}
var untouchedAdd = Set.prototype.add;
var untouchedHas = Set.prototype.has;
function extractAdd(instance) {
  try {
    return instance.add;
  } catch {
    return;
  }
}
function extractHas(instance) {
  try {
    return instance.has;
  } catch (err) {
    return;
  }
}
function safeAdd(instance, value) {
  if (extractAdd(instance) === untouchedAdd) return instance.add(value);
  return safeApply(untouchedAdd, instance, [value]);
}
function safeHas(instance, value) {
  if (extractHas(instance) === untouchedHas) return instance.has(value);
  return safeApply(untouchedHas, instance, [value]);
}
var untouchedSet = WeakMap.prototype.set;
var untouchedGet = WeakMap.prototype.get;
function extractSet(instance) {
  try {
    return instance.set;
  } catch (err) {
    return;
  }
}
function extractGet(instance) {
  try {
    return instance.get;
  } catch (err) {
    return;
  }
}
function safeSet(instance, key, value) {
  if (extractSet(instance) === untouchedSet) return instance.set(key, value);
  return safeApply(untouchedSet, instance, [key, value]);
}
function safeGet(instance, key) {
  if (extractGet(instance) === untouchedGet) return instance.get(key);
  return safeApply(untouchedGet, instance, [key]);
}
var untouchedMapSet = Map.prototype.set;
var untouchedMapGet = Map.prototype.get;
var untouchedMapHas = Map.prototype.has;
function extractMapSet(instance) {
  try {
    return instance.set;
  } catch (err) {
    return;
  }
}
function extractMapGet(instance) {
  try {
    return instance.get;
  } catch (err) {
    return;
  }
}
function extractMapHas(instance) {
  try {
    return instance.has;
  } catch (err) {
    return;
  }
}
function safeMapSet(instance, key, value) {
  if (extractMapSet(instance) === untouchedMapSet) return instance.set(key, value);
  return safeApply(untouchedMapSet, instance, [key, value]);
}
function safeMapGet(instance, key) {
  if (extractMapGet(instance) === untouchedMapGet) return instance.get(key);
  return safeApply(untouchedMapGet, instance, [key]);
}
function safeMapHas(instance, key) {
  if (extractMapHas(instance) === untouchedMapHas) return instance.has(key);
  return safeApply(untouchedMapHas, instance, [key]);
}
var untouchedSplit = String.prototype.split;
var untouchedStartsWith = String.prototype.startsWith;
var untouchedEndsWith = String.prototype.endsWith;
var untouchedSubstring = String.prototype.substring;
var untouchedToLowerCase = String.prototype.toLowerCase;
var untouchedToUpperCase = String.prototype.toUpperCase;
var untouchedPadStart = String.prototype.padStart;
var untouchedCharCodeAt = String.prototype.charCodeAt;
var untouchedNormalize = String.prototype.normalize;
var untouchedReplace = String.prototype.replace;
function extractSplit(instance) {
  try {
    return instance.split;
  } catch {
    return;
  }
}
function extractStartsWith(instance) {
  try {
    return instance.startsWith;
  } catch {
    return;
  }
}
function extractEndsWith(instance) {
  try {
    return instance.endsWith;
  } catch {
    return;
  }
}
function extractSubstring(instance) {
  try {
    return instance.substring;
  } catch {
    return;
  }
}
function extractToLowerCase(instance) {
  try {
    return instance.toLowerCase;
  } catch {
    return;
  }
}
function extractToUpperCase(instance) {
  try {
    return instance.toUpperCase;
  } catch {
    return;
  }
}
function extractPadStart(instance) {
  try {
    return instance.padStart;
  } catch {
    return;
  }
}
function extractCharCodeAt(instance) {
  try {
    return instance.charCodeAt;
  } catch {
    return;
  }
}
function extractNormalize(instance) {
  try {
    return instance.normalize;
  } catch (err) {
    return;
  }
}
function extractReplace(instance) {
  try {
    return instance.replace;
  } catch {
    return;
  }
}
function safeSplit(instance, ...args) {
  if (extractSplit(instance) === untouchedSplit) return instance.split(...args);
  return safeApply(untouchedSplit, instance, args);
}
function safeStartsWith(instance, ...args) {
  if (extractStartsWith(instance) === untouchedStartsWith) return instance.startsWith(...args);
  return safeApply(untouchedStartsWith, instance, args);
}
function safeEndsWith(instance, ...args) {
  if (extractEndsWith(instance) === untouchedEndsWith) return instance.endsWith(...args);
  return safeApply(untouchedEndsWith, instance, args);
}
function safeSubstring(instance, ...args) {
  if (extractSubstring(instance) === untouchedSubstring) return instance.substring(...args);
  return safeApply(untouchedSubstring, instance, args);
}
function safeToLowerCase(instance) {
  if (extractToLowerCase(instance) === untouchedToLowerCase) return instance.toLowerCase();
  return safeApply(untouchedToLowerCase, instance, []);
}
function safeToUpperCase(instance) {
  if (extractToUpperCase(instance) === untouchedToUpperCase) return instance.toUpperCase();
  return safeApply(untouchedToUpperCase, instance, []);
}
function safePadStart(instance, ...args) {
  if (extractPadStart(instance) === untouchedPadStart) return instance.padStart(...args);
  return safeApply(untouchedPadStart, instance, args);
}
function safeCharCodeAt(instance, index) {
  if (extractCharCodeAt(instance) === untouchedCharCodeAt) return instance.charCodeAt(index);
  return safeApply(untouchedCharCodeAt, instance, [index]);
}
function safeNormalize(instance, form) {
  if (extractNormalize(instance) === untouchedNormalize) return instance.normalize(form);
  return safeApply(untouchedNormalize, instance, [form]);
}
function safeReplace(instance, pattern, replacement) {
  if (extractReplace(instance) === untouchedReplace) return instance.replace(pattern, replacement);
  return safeApply(untouchedReplace, instance, [pattern, replacement]);
}
var untouchedNumberToString = Number.prototype.toString;
function extractNumberToString(instance) {
  try {
    return instance.toString;
  } catch {
    return;
  }
}
function safeNumberToString(instance, ...args) {
  if (extractNumberToString(instance) === untouchedNumberToString) return instance.toString(...args);
  return safeApply(untouchedNumberToString, instance, args);
}
var untouchedHasOwnProperty = Object.prototype.hasOwnProperty;
var untouchedToString = Object.prototype.toString;
function safeHasOwnProperty(instance, v) {
  return safeApply(untouchedHasOwnProperty, instance, [v]);
}
function safeToString(instance) {
  return safeApply(untouchedToString, instance, []);
}
var untouchedErrorToString = Error.prototype.toString;
function safeErrorToString(instance) {
  return safeApply(untouchedErrorToString, instance, []);
}
var LazyIterableIterator = class {
  constructor(producer) {
    this.producer = producer;
  }
  [Symbol.iterator]() {
    if (this.it === void 0) this.it = this.producer();
    return this.it;
  }
  next() {
    if (this.it === void 0) this.it = this.producer();
    return this.it.next();
  }
};
function makeLazy(producer) {
  return new LazyIterableIterator(producer);
}
var safeArrayIsArray$4 = Array.isArray;
var safeObjectDefineProperty$3 = Object.defineProperty;
function tupleMakeItCloneable(vs, ctxs, values) {
  return safeObjectDefineProperty$3(vs, cloneMethod, { value: () => {
    const cloned = [];
    for (let idx = 0; idx !== values.length; ++idx) {
      let current = values[idx];
      if (current === void 0) current = new Value(vs[idx], ctxs[idx]);
      safePush(cloned, current.value);
    }
    tupleMakeItCloneable(cloned, ctxs, values);
    return cloned;
  } });
}
function tupleShrink(arbs, value, context2) {
  const shrinks = [];
  const safeContext = safeArrayIsArray$4(context2) ? context2 : [];
  for (let idx = 0; idx !== arbs.length; ++idx) safePush(shrinks, makeLazy(() => arbs[idx].shrink(value[idx], safeContext[idx]).map((v) => {
    let cloneable = false;
    const vs = [];
    const ctxs = [];
    const mapped = [];
    for (let nestedIdx = 0; nestedIdx !== arbs.length; ++nestedIdx) {
      const nestedV = nestedIdx === idx ? v : new Value(cloneIfNeeded(value[nestedIdx]), safeContext[nestedIdx]);
      if (nestedV.hasToBeCloned) {
        cloneable = true;
        mapped[nestedIdx] = nestedV;
      }
      safePush(vs, nestedV.value);
      safePush(ctxs, nestedV.context);
    }
    if (cloneable) tupleMakeItCloneable(vs, ctxs, mapped);
    return new Value(vs, ctxs);
  })));
  return Stream.nil().join(...shrinks);
}
var TupleArbitrary = class extends Arbitrary {
  constructor(arbs) {
    super();
    this.arbs = arbs;
    for (let idx = 0; idx !== arbs.length; ++idx) {
      const arb = arbs[idx];
      if (arb === null || arb === void 0 || arb.generate === null || arb.generate === void 0) throw new Error(`Invalid parameter encountered at index ${idx}: expecting an Arbitrary`);
    }
  }
  generate(mrng, biasFactor) {
    let cloneable = false;
    const vs = [];
    const ctxs = [];
    const mapped = [];
    for (let idx = 0; idx !== this.arbs.length; ++idx) {
      const v = this.arbs[idx].generate(mrng, biasFactor);
      if (v.hasToBeCloned) {
        cloneable = true;
        mapped[idx] = v;
      }
      safePush(vs, v.value);
      safePush(ctxs, v.context);
    }
    if (cloneable) tupleMakeItCloneable(vs, ctxs, mapped);
    return new Value(vs, ctxs);
  }
  canShrinkWithoutContext(value) {
    if (!safeArrayIsArray$4(value) || value.length !== this.arbs.length) return false;
    for (let index = 0; index !== this.arbs.length; ++index) if (!this.arbs[index].canShrinkWithoutContext(value[index])) return false;
    return true;
  }
  shrink(value, context2) {
    return tupleShrink(this.arbs, value, context2);
  }
};
function tuple(...arbs) {
  return new TupleArbitrary(arbs);
}
var safeMathLog$3 = Math.log;
function runIdToFrequency(runId) {
  return 2 + ~~(safeMathLog$3(runId + 1) * 0.4342944819032518);
}
var globalParameters = {};
function configureGlobal(parameters) {
  globalParameters = parameters;
}
function readConfigureGlobal() {
  return globalParameters;
}
function resetConfigureGlobal() {
  globalParameters = {};
}
var UndefinedContextPlaceholder = /* @__PURE__ */ Symbol("UndefinedContextPlaceholder");
function noUndefinedAsContext(value) {
  if (value.context !== void 0) return value;
  if (value.hasToBeCloned) return new Value(value.value_, UndefinedContextPlaceholder, () => value.value);
  return new Value(value.value_, UndefinedContextPlaceholder);
}
var dummyHook$1 = () => {
};
var AsyncProperty = class {
  constructor(arb, predicate) {
    this.arb = arb;
    this.predicate = predicate;
    const { asyncBeforeEach, asyncAfterEach, beforeEach: beforeEach2, afterEach: afterEach2 } = readConfigureGlobal() || {};
    if (asyncBeforeEach !== void 0 && beforeEach2 !== void 0) throw SError(`Global "asyncBeforeEach" and "beforeEach" parameters can't be set at the same time when running async properties`);
    if (asyncAfterEach !== void 0 && afterEach2 !== void 0) throw SError(`Global "asyncAfterEach" and "afterEach" parameters can't be set at the same time when running async properties`);
    this.beforeEachHook = asyncBeforeEach || beforeEach2 || dummyHook$1;
    this.afterEachHook = asyncAfterEach || afterEach2 || dummyHook$1;
  }
  isAsync() {
    return true;
  }
  generate(mrng, runId) {
    return noUndefinedAsContext(this.arb.generate(mrng, runId !== void 0 ? runIdToFrequency(runId) : void 0));
  }
  shrink(value) {
    if (value.context === void 0 && !this.arb.canShrinkWithoutContext(value.value_)) return Stream.nil();
    const safeContext = value.context !== UndefinedContextPlaceholder ? value.context : void 0;
    return this.arb.shrink(value.value_, safeContext).map(noUndefinedAsContext);
  }
  async runBeforeEach() {
    await this.beforeEachHook();
  }
  async runAfterEach() {
    await this.afterEachHook();
  }
  async run(v) {
    try {
      const output = await this.predicate(v);
      return output === void 0 || output === true ? null : { error: new SError("Property failed by returning false") };
    } catch (err) {
      if (PreconditionFailure.isFailure(err)) return err;
      return { error: err };
    }
  }
  /**
  * Define a function that should be called before all calls to the predicate
  * @param hookFunction - Function to be called
  * @deprecated Prefer the life-cycle plugins: `fc.assert(property, { plugins: [fc.beforeEach(fn)] })`
  */
  beforeEach(hookFunction) {
    const previousBeforeEachHook = this.beforeEachHook;
    this.beforeEachHook = () => hookFunction(previousBeforeEachHook);
    return this;
  }
  /**
  * Define a function that should be called after all calls to the predicate
  * @param hookFunction - Function to be called
  * @deprecated Prefer the life-cycle plugins: `fc.assert(property, { plugins: [fc.afterEach(fn)] })`
  */
  afterEach(hookFunction) {
    const previousAfterEachHook = this.afterEachHook;
    this.afterEachHook = () => hookFunction(previousAfterEachHook);
    return this;
  }
};
var AlwaysShrinkableArbitrary = class extends Arbitrary {
  constructor(arb) {
    super();
    this.arb = arb;
  }
  generate(mrng, biasFactor) {
    return noUndefinedAsContext(this.arb.generate(mrng, biasFactor));
  }
  canShrinkWithoutContext(_value) {
    return true;
  }
  shrink(value, context2) {
    if (context2 === void 0 && !this.arb.canShrinkWithoutContext(value)) return Stream.nil();
    const safeContext = context2 !== UndefinedContextPlaceholder ? context2 : void 0;
    return this.arb.shrink(value, safeContext).map(noUndefinedAsContext);
  }
};
function asyncProperty(...args) {
  if (args.length < 2) throw new Error("asyncProperty expects at least two parameters");
  const arbs = safeSlice(args, 0, args.length - 1);
  const p = args[args.length - 1];
  safeForEach(arbs, assertIsArbitrary);
  return new AsyncProperty(tuple(...safeMap(arbs, (arb) => new AlwaysShrinkableArbitrary(arb))), (t) => p(...t));
}
var dummyHook = () => {
};
var Property = class {
  constructor(arb, predicate) {
    this.arb = arb;
    this.predicate = predicate;
    const { beforeEach: beforeEach2 = dummyHook, afterEach: afterEach2 = dummyHook, asyncBeforeEach, asyncAfterEach } = readConfigureGlobal() || {};
    if (asyncBeforeEach !== void 0) throw SError(`"asyncBeforeEach" can't be set when running synchronous properties`);
    if (asyncAfterEach !== void 0) throw SError(`"asyncAfterEach" can't be set when running synchronous properties`);
    this.beforeEachHook = beforeEach2;
    this.afterEachHook = afterEach2;
  }
  isAsync() {
    return false;
  }
  generate(mrng, runId) {
    return noUndefinedAsContext(this.arb.generate(mrng, runId !== void 0 ? runIdToFrequency(runId) : void 0));
  }
  shrink(value) {
    if (value.context === void 0 && !this.arb.canShrinkWithoutContext(value.value_)) return Stream.nil();
    const safeContext = value.context !== UndefinedContextPlaceholder ? value.context : void 0;
    return this.arb.shrink(value.value_, safeContext).map(noUndefinedAsContext);
  }
  runBeforeEach() {
    this.beforeEachHook();
  }
  runAfterEach() {
    this.afterEachHook();
  }
  run(v) {
    try {
      const output = this.predicate(v);
      return output === void 0 || output === true ? null : { error: new SError("Property failed by returning false") };
    } catch (err) {
      if (PreconditionFailure.isFailure(err)) return err;
      return { error: err };
    }
  }
  beforeEach(hookFunction) {
    const previousBeforeEachHook = this.beforeEachHook;
    this.beforeEachHook = () => hookFunction(previousBeforeEachHook);
    return this;
  }
  afterEach(hookFunction) {
    const previousAfterEachHook = this.afterEachHook;
    this.afterEachHook = () => hookFunction(previousAfterEachHook);
    return this;
  }
};
function property(...args) {
  if (args.length < 2) throw new Error("property expects at least two parameters");
  const arbs = safeSlice(args, 0, args.length - 1);
  const p = args[args.length - 1];
  safeForEach(arbs, assertIsArbitrary);
  return new Property(tuple(...safeMap(arbs, (arb) => new AlwaysShrinkableArbitrary(arb))), (t) => p(...t));
}
var VerbosityLevel = /* @__PURE__ */ (function(VerbosityLevel2) {
  VerbosityLevel2[VerbosityLevel2["None"] = 0] = "None";
  VerbosityLevel2[VerbosityLevel2["Verbose"] = 1] = "Verbose";
  VerbosityLevel2[VerbosityLevel2["VeryVerbose"] = 2] = "VeryVerbose";
  return VerbosityLevel2;
})({});
function adaptRandomGeneratorTo8x(rng) {
  if ("unsafeNext" in rng) {
    if (rng.unsafeJump === void 0) return {
      clone: () => adaptRandomGeneratorTo8x(rng),
      next: () => rng.unsafeNext(),
      getState: () => rng.getState()
    };
    return {
      clone: () => adaptRandomGeneratorTo8x(rng),
      next: () => rng.unsafeNext(),
      jump: () => rng.unsafeJump(),
      getState: () => rng.getState()
    };
  }
  return rng;
}
function adaptRandomGeneratorToInternal(rng) {
  if ("jump" in rng && typeof rng.jump === "function") return rng;
  return {
    clone: () => adaptRandomGeneratorToInternal(rng),
    next: () => rng.next(),
    jump: () => skipN(rng, 42),
    getState: () => rng.getState()
  };
}
function adaptRandomGenerator(rng) {
  return adaptRandomGeneratorToInternal(adaptRandomGeneratorTo8x(rng));
}
var safeDateNow$1 = Date.now;
var safeMathMin$6 = Math.min;
var safeMathRandom = Math.random;
var QualifiedParameters = class {
  constructor(op) {
    const p = op || {};
    this.seed = readSeed(p);
    this.randomType = readRandomType(p);
    this.numRuns = readNumRuns(p);
    this.verbose = readVerbose(p);
    this.maxSkipsPerRun = p.maxSkipsPerRun !== void 0 ? p.maxSkipsPerRun : 100;
    this.timeout = safeTimeout(p.timeout);
    this.skipAllAfterTimeLimit = safeTimeout(p.skipAllAfterTimeLimit);
    this.interruptAfterTimeLimit = safeTimeout(p.interruptAfterTimeLimit);
    this.markInterruptAsFailure = p.markInterruptAsFailure === true;
    this.skipEqualValues = p.skipEqualValues === true;
    this.ignoreEqualValues = p.ignoreEqualValues === true;
    this.logger = p.logger !== void 0 ? p.logger : (v) => {
      console.log(v);
    };
    this.path = p.path !== void 0 ? p.path : "";
    this.unbiased = p.unbiased === true;
    this.examples = p.examples !== void 0 ? p.examples : [];
    this.endOnFailure = p.endOnFailure === true;
    this.reporter = p.reporter;
    this.asyncReporter = p.asyncReporter;
    this.includeErrorInReport = p.includeErrorInReport === true;
    this.plugins = p.plugins !== void 0 ? p.plugins : [];
  }
  toParameters() {
    return {
      seed: this.seed,
      randomType: this.randomType,
      numRuns: this.numRuns,
      maxSkipsPerRun: this.maxSkipsPerRun,
      timeout: this.timeout,
      skipAllAfterTimeLimit: this.skipAllAfterTimeLimit,
      interruptAfterTimeLimit: this.interruptAfterTimeLimit,
      markInterruptAsFailure: this.markInterruptAsFailure,
      skipEqualValues: this.skipEqualValues,
      ignoreEqualValues: this.ignoreEqualValues,
      path: this.path,
      logger: this.logger,
      unbiased: this.unbiased,
      verbose: this.verbose,
      examples: this.examples,
      endOnFailure: this.endOnFailure,
      reporter: this.reporter,
      asyncReporter: this.asyncReporter,
      includeErrorInReport: this.includeErrorInReport,
      plugins: this.plugins
    };
  }
};
function createQualifiedRandomGenerator(random) {
  return (seed) => {
    return adaptRandomGenerator(random(seed));
  };
}
function readSeed(p) {
  if (p.seed === void 0) return safeDateNow$1() ^ safeMathRandom() * 4294967296;
  const seed32 = p.seed | 0;
  if (p.seed === seed32) return seed32;
  return seed32 ^ (p.seed - seed32) * 4294967296;
}
function readRandomType(p) {
  if (p.randomType === void 0) return xorshift128plus;
  if (typeof p.randomType === "string") switch (p.randomType) {
    case "mersenne":
      return createQualifiedRandomGenerator(mersenne);
    case "congruential":
    case "congruential32":
      return createQualifiedRandomGenerator(congruential32);
    case "xorshift128plus":
      return xorshift128plus;
    case "xoroshiro128plus":
      return xoroshiro128plus;
    default:
      throw new Error(`Invalid random specified: '${p.randomType}'`);
  }
  const mrng = p.randomType(0);
  if ("min" in mrng && mrng.min !== -2147483648) throw new Error(`Invalid random number generator: min must equal -0x80000000, got ${String(mrng.min)}`);
  if ("max" in mrng && mrng.max !== 2147483647) throw new Error(`Invalid random number generator: max must equal 0x7fffffff, got ${String(mrng.max)}`);
  if (mrng === adaptRandomGenerator(mrng)) return p.randomType;
  return createQualifiedRandomGenerator(p.randomType);
}
function readNumRuns(p) {
  const defaultValue = 100;
  if (p.numRuns !== void 0) return p.numRuns;
  if (p.num_runs !== void 0) return p.num_runs;
  return defaultValue;
}
function readVerbose(p) {
  if (p.verbose === void 0) return 0;
  if (typeof p.verbose === "boolean") return p.verbose === true ? 1 : 0;
  if (p.verbose <= 0) return 0;
  if (p.verbose >= 2) return 2;
  return p.verbose | 0;
}
function safeTimeout(value) {
  if (value === void 0) return;
  return safeMathMin$6(value, 2147483647);
}
function read(op) {
  return new QualifiedParameters(op);
}
function interruptAfter(timeMs, setTimeoutSafe, clearTimeoutSafe) {
  let timeoutHandle = null;
  return {
    clear: () => clearTimeoutSafe(timeoutHandle),
    promise: new Promise((resolve) => {
      timeoutHandle = setTimeoutSafe(() => {
        resolve(new PreconditionFailure(true));
      }, timeMs);
    })
  };
}
var SkipAfterProperty = class {
  constructor(property2, getTime, timeLimit, interruptExecution, setTimeoutSafe, clearTimeoutSafe) {
    this.property = property2;
    this.getTime = getTime;
    this.interruptExecution = interruptExecution;
    this.setTimeoutSafe = setTimeoutSafe;
    this.clearTimeoutSafe = clearTimeoutSafe;
    this.skipAfterTime = this.getTime() + timeLimit;
  }
  isAsync() {
    return this.property.isAsync();
  }
  generate(mrng, runId) {
    return this.property.generate(mrng, runId);
  }
  shrink(value) {
    return this.property.shrink(value);
  }
  run(v) {
    const remainingTime = this.skipAfterTime - this.getTime();
    if (remainingTime <= 0) {
      const preconditionFailure = new PreconditionFailure(this.interruptExecution);
      if (this.isAsync()) return Promise.resolve(preconditionFailure);
      else return preconditionFailure;
    }
    if (this.interruptExecution && this.isAsync()) {
      const t = interruptAfter(remainingTime, this.setTimeoutSafe, this.clearTimeoutSafe);
      const propRun = Promise.race([this.property.run(v), t.promise]);
      propRun.then(t.clear, t.clear);
      return propRun;
    }
    return this.property.run(v);
  }
  runBeforeEach() {
    return this.property.runBeforeEach();
  }
  runAfterEach() {
    return this.property.runAfterEach();
  }
};
var timeoutAfter$1 = (timeMs, setTimeoutSafe, clearTimeoutSafe) => {
  let timeoutHandle = null;
  return {
    clear: () => clearTimeoutSafe(timeoutHandle),
    promise: new Promise((resolve) => {
      timeoutHandle = setTimeoutSafe(() => {
        resolve({ error: new SError(`Property timeout: exceeded limit of ${timeMs} milliseconds`) });
      }, timeMs);
    })
  };
};
var TimeoutProperty = class {
  constructor(property2, timeMs, setTimeoutSafe, clearTimeoutSafe) {
    this.property = property2;
    this.timeMs = timeMs;
    this.setTimeoutSafe = setTimeoutSafe;
    this.clearTimeoutSafe = clearTimeoutSafe;
  }
  isAsync() {
    return true;
  }
  generate(mrng, runId) {
    return this.property.generate(mrng, runId);
  }
  shrink(value) {
    return this.property.shrink(value);
  }
  async run(v) {
    const t = timeoutAfter$1(this.timeMs, this.setTimeoutSafe, this.clearTimeoutSafe);
    const propRun = Promise.race([this.property.run(v), t.promise]);
    propRun.then(t.clear, t.clear);
    return propRun;
  }
  runBeforeEach() {
    return Promise.resolve(this.property.runBeforeEach());
  }
  runAfterEach() {
    return Promise.resolve(this.property.runAfterEach());
  }
};
var UnbiasedProperty = class {
  constructor(property2) {
    this.property = property2;
  }
  isAsync() {
    return this.property.isAsync();
  }
  generate(mrng, _runId) {
    return this.property.generate(mrng, void 0);
  }
  shrink(value) {
    return this.property.shrink(value);
  }
  run(v) {
    return this.property.run(v);
  }
  runBeforeEach() {
    return this.property.runBeforeEach();
  }
  runAfterEach() {
    return this.property.runAfterEach();
  }
};
var safeArrayFrom = Array.from;
var safeBufferIsBuffer = typeof Buffer !== "undefined" ? Buffer.isBuffer : void 0;
var safeJsonStringify$1 = JSON.stringify;
var safeNumberIsNaN$5 = Number.isNaN;
var safeObjectKeys$5 = Object.keys;
var safeObjectGetOwnPropertySymbols$2 = Object.getOwnPropertySymbols;
var safeObjectGetOwnPropertyDescriptor$3 = Object.getOwnPropertyDescriptor;
var safeObjectGetPrototypeOf$2 = Object.getPrototypeOf;
var safeNegativeInfinity$7 = Number.NEGATIVE_INFINITY;
var safePositiveInfinity$8 = Number.POSITIVE_INFINITY;
var toStringMethod = /* @__PURE__ */ Symbol.for("fast-check/toStringMethod");
function hasToStringMethod(instance) {
  return instance !== null && (typeof instance === "object" || typeof instance === "function") && toStringMethod in instance && typeof instance[toStringMethod] === "function";
}
var asyncToStringMethod = /* @__PURE__ */ Symbol.for("fast-check/asyncToStringMethod");
function hasAsyncToStringMethod(instance) {
  return instance !== null && (typeof instance === "object" || typeof instance === "function") && asyncToStringMethod in instance && typeof instance[asyncToStringMethod] === "function";
}
var findSymbolNameRegex = /^Symbol\((.*)\)$/;
function getSymbolDescription(s) {
  if (s.description !== void 0) return s.description;
  const m = findSymbolNameRegex.exec(SString(s));
  return m && m[1].length ? m[1] : null;
}
function stringifyNumber(numValue) {
  switch (numValue) {
    case 0:
      return 1 / numValue === safeNegativeInfinity$7 ? "-0" : "0";
    case safeNegativeInfinity$7:
      return "Number.NEGATIVE_INFINITY";
    case safePositiveInfinity$8:
      return "Number.POSITIVE_INFINITY";
    default:
      return numValue === numValue ? SString(numValue) : "Number.NaN";
  }
}
function isSparseArray(arr) {
  let previousNumberedIndex = -1;
  for (const index in arr) {
    const numberedIndex = Number(index);
    if (numberedIndex !== previousNumberedIndex + 1) return true;
    previousNumberedIndex = numberedIndex;
  }
  return previousNumberedIndex + 1 !== arr.length;
}
function stringifyInternal(value, previousValues, getAsyncContent) {
  const currentValues = [...previousValues, value];
  if (typeof value === "object") {
    if (safeIndexOf(previousValues, value) !== -1) return "[cyclic]";
  }
  if (hasAsyncToStringMethod(value)) {
    const content = getAsyncContent(value);
    if (content.state === "fulfilled") return content.value;
  }
  if (hasToStringMethod(value)) try {
    return value[toStringMethod]();
  } catch {
  }
  switch (safeToString(value)) {
    case "[object Array]": {
      const arr = value;
      if (arr.length >= 50 && isSparseArray(arr)) {
        const assignments = [];
        for (const index in arr) if (!safeNumberIsNaN$5(Number(index))) safePush(assignments, `${index}:${stringifyInternal(arr[index], currentValues, getAsyncContent)}`);
        return assignments.length !== 0 ? `Object.assign(Array(${arr.length}),{${safeJoin(assignments, ",")}})` : `Array(${arr.length})`;
      }
      const stringifiedArray = safeJoin(safeMap(arr, (v) => stringifyInternal(v, currentValues, getAsyncContent)), ",");
      return arr.length === 0 || arr.length - 1 in arr ? `[${stringifiedArray}]` : `[${stringifiedArray},]`;
    }
    case "[object BigInt]":
      return `${value}n`;
    case "[object Boolean]": {
      const unboxedToString = value == true ? "true" : "false";
      return typeof value === "boolean" ? unboxedToString : `new Boolean(${unboxedToString})`;
    }
    case "[object Date]": {
      const d = value;
      return safeNumberIsNaN$5(safeGetTime(d)) ? `new Date(NaN)` : `new Date(${safeJsonStringify$1(safeToISOString(d))})`;
    }
    case "[object Map]":
      return `new Map(${stringifyInternal(Array.from(value), currentValues, getAsyncContent)})`;
    case "[object Null]":
      return `null`;
    case "[object Number]":
      return typeof value === "number" ? stringifyNumber(value) : `new Number(${stringifyNumber(Number(value))})`;
    case "[object Object]": {
      try {
        const toStringAccessor = value.toString;
        if (typeof toStringAccessor === "function" && toStringAccessor !== Object.prototype.toString) return value.toString();
      } catch {
        return "[object Object]";
      }
      const mapper = (k) => `${k === "__proto__" ? '["__proto__"]' : typeof k === "symbol" ? `[${stringifyInternal(k, currentValues, getAsyncContent)}]` : safeJsonStringify$1(k)}:${stringifyInternal(value[k], currentValues, getAsyncContent)}`;
      return "{" + safeJoin([
        ...safeObjectGetPrototypeOf$2(value) === null ? ["__proto__:null"] : [],
        ...safeMap(safeObjectKeys$5(value), mapper),
        ...safeMap(safeFilter(safeObjectGetOwnPropertySymbols$2(value), (s) => {
          const descriptor = safeObjectGetOwnPropertyDescriptor$3(value, s);
          return descriptor && descriptor.enumerable;
        }), mapper)
      ], ",") + "}";
    }
    case "[object Set]":
      return `new Set(${stringifyInternal(Array.from(value), currentValues, getAsyncContent)})`;
    case "[object String]":
      return typeof value === "string" ? safeJsonStringify$1(value) : `new String(${safeJsonStringify$1(value)})`;
    case "[object Symbol]": {
      const s = value;
      if (SSymbol.keyFor(s) !== void 0) return `Symbol.for(${safeJsonStringify$1(SSymbol.keyFor(s))})`;
      const desc = getSymbolDescription(s);
      if (desc === null) return "Symbol()";
      return s === (desc.startsWith("Symbol.") && SSymbol[desc.substring(7)]) ? desc : `Symbol(${safeJsonStringify$1(desc)})`;
    }
    case "[object Promise]": {
      const promiseContent = getAsyncContent(value);
      switch (promiseContent.state) {
        case "fulfilled":
          return `Promise.resolve(${stringifyInternal(promiseContent.value, currentValues, getAsyncContent)})`;
        case "rejected":
          return `Promise.reject(${stringifyInternal(promiseContent.value, currentValues, getAsyncContent)})`;
        case "pending":
          return `new Promise(() => {/*pending*/})`;
        default:
          return `new Promise(() => {/*unknown*/})`;
      }
    }
    case "[object Error]":
      if (value instanceof Error) return `new Error(${stringifyInternal(value.message, currentValues, getAsyncContent)})`;
      break;
    case "[object Undefined]":
      return `undefined`;
    case "[object Int8Array]":
    case "[object Uint8Array]":
    case "[object Uint8ClampedArray]":
    case "[object Int16Array]":
    case "[object Uint16Array]":
    case "[object Int32Array]":
    case "[object Uint32Array]":
    case "[object Float32Array]":
    case "[object Float64Array]":
    case "[object BigInt64Array]":
    case "[object BigUint64Array]": {
      if (typeof safeBufferIsBuffer === "function" && safeBufferIsBuffer(value)) return `Buffer.from(${value.buffer.detached ? "/*detached ArrayBuffer*/" : stringifyInternal(safeArrayFrom(value.values()), currentValues, getAsyncContent)})`;
      const valuePrototype = safeObjectGetPrototypeOf$2(value);
      const className = valuePrototype && valuePrototype.constructor && valuePrototype.constructor.name;
      if (typeof className === "string") {
        const typedArray2 = value;
        if (typedArray2.buffer.detached) return `${className}.from(/*detached ArrayBuffer*/)`;
        const valuesFromTypedArr = typedArray2.values();
        return `${className}.from(${stringifyInternal(safeArrayFrom(valuesFromTypedArr), currentValues, getAsyncContent)})`;
      }
      break;
    }
  }
  try {
    return value.toString();
  } catch {
    return safeToString(value);
  }
}
function stringify(value) {
  return stringifyInternal(value, [], () => ({
    state: "unknown",
    value: void 0
  }));
}
function possiblyAsyncStringify(value) {
  const stillPendingMarker = SSymbol();
  const pendingPromisesForCache = [];
  const cache2 = new SMap$2();
  function createDelay0() {
    let handleId = null;
    const cancel = () => {
      if (handleId !== null) clearTimeout(handleId);
    };
    return {
      delay: new Promise((resolve) => {
        handleId = setTimeout(() => {
          handleId = null;
          resolve(stillPendingMarker);
        }, 0);
      }),
      cancel
    };
  }
  const unknownState = {
    state: "unknown",
    value: void 0
  };
  const getAsyncContent = function getAsyncContent2(data3) {
    const cacheKey = data3;
    if (cache2.has(cacheKey)) return cache2.get(cacheKey);
    const delay0 = createDelay0();
    const p = asyncToStringMethod in data3 ? Promise.resolve().then(() => data3[asyncToStringMethod]()) : data3;
    p.catch(() => {
    });
    pendingPromisesForCache.push(Promise.race([p, delay0.delay]).then((successValue) => {
      if (successValue === stillPendingMarker) cache2.set(cacheKey, {
        state: "pending",
        value: void 0
      });
      else cache2.set(cacheKey, {
        state: "fulfilled",
        value: successValue
      });
      delay0.cancel();
    }, (errorValue) => {
      cache2.set(cacheKey, {
        state: "rejected",
        value: errorValue
      });
      delay0.cancel();
    }));
    cache2.set(cacheKey, unknownState);
    return unknownState;
  };
  function loop() {
    const stringifiedValue = stringifyInternal(value, [], getAsyncContent);
    if (pendingPromisesForCache.length === 0) return stringifiedValue;
    return Promise.all(pendingPromisesForCache.splice(0)).then(loop);
  }
  return loop();
}
async function asyncStringify(value) {
  return Promise.resolve(possiblyAsyncStringify(value));
}
function fromSyncCached(cachedValue) {
  return cachedValue === null ? new PreconditionFailure() : cachedValue;
}
function fromCached$1(...data3) {
  if (data3[1]) return data3[0].then(fromSyncCached);
  return fromSyncCached(data3[0]);
}
function fromCachedUnsafe(cachedValue, isAsync) {
  return fromCached$1(cachedValue, isAsync);
}
var IgnoreEqualValuesProperty = class {
  constructor(property2, skipRuns) {
    this.property = property2;
    this.skipRuns = skipRuns;
    this.coveredCases = /* @__PURE__ */ new Map();
  }
  isAsync() {
    return this.property.isAsync();
  }
  generate(mrng, runId) {
    return this.property.generate(mrng, runId);
  }
  shrink(value) {
    return this.property.shrink(value);
  }
  run(v) {
    const stringifiedValue = stringify(v);
    if (this.coveredCases.has(stringifiedValue)) {
      const lastOutput = this.coveredCases.get(stringifiedValue);
      if (!this.skipRuns) return lastOutput;
      return fromCachedUnsafe(lastOutput, this.property.isAsync());
    }
    const out2 = this.property.run(v);
    this.coveredCases.set(stringifiedValue, out2);
    return out2;
  }
  runBeforeEach() {
    return this.property.runBeforeEach();
  }
  runAfterEach() {
    return this.property.runAfterEach();
  }
};
var safeDateNow = Date.now;
var safeSetTimeout$2 = setTimeout;
var safeClearTimeout$2 = clearTimeout;
function decorateProperty(rawProperty, qParams) {
  let prop = rawProperty;
  if (rawProperty.isAsync() && qParams.timeout !== void 0) prop = new TimeoutProperty(prop, qParams.timeout, safeSetTimeout$2, safeClearTimeout$2);
  if (qParams.unbiased) prop = new UnbiasedProperty(prop);
  if (qParams.skipAllAfterTimeLimit !== void 0) prop = new SkipAfterProperty(prop, safeDateNow, qParams.skipAllAfterTimeLimit, false, safeSetTimeout$2, safeClearTimeout$2);
  if (qParams.interruptAfterTimeLimit !== void 0) prop = new SkipAfterProperty(prop, safeDateNow, qParams.interruptAfterTimeLimit, true, safeSetTimeout$2, safeClearTimeout$2);
  if (qParams.skipEqualValues) prop = new IgnoreEqualValuesProperty(prop, true);
  if (qParams.ignoreEqualValues) prop = new IgnoreEqualValuesProperty(prop, false);
  return prop;
}
var ExecutionStatus = /* @__PURE__ */ (function(ExecutionStatus2) {
  ExecutionStatus2[ExecutionStatus2["Success"] = 0] = "Success";
  ExecutionStatus2[ExecutionStatus2["Skipped"] = -1] = "Skipped";
  ExecutionStatus2[ExecutionStatus2["Failure"] = 1] = "Failure";
  return ExecutionStatus2;
})({});
var RunExecution = class RunExecution2 {
  constructor(verbosity, interruptedAsFailure) {
    this.verbosity = verbosity;
    this.interruptedAsFailure = interruptedAsFailure;
    this.rootExecutionTrees = [];
    this.currentLevelExecutionTrees = this.rootExecutionTrees;
    this.failure = null;
    this.numSkips = 0;
    this.numSuccesses = 0;
    this.interrupted = false;
  }
  appendExecutionTree(status, value) {
    const currentTree = {
      status,
      value,
      children: []
    };
    this.currentLevelExecutionTrees.push(currentTree);
    return currentTree;
  }
  fail(value, id, failure) {
    if (this.verbosity >= 1) {
      const currentTree = this.appendExecutionTree(1, value);
      this.currentLevelExecutionTrees = currentTree.children;
    }
    if (this.pathToFailure === void 0) this.pathToFailure = `${id}`;
    else this.pathToFailure += `:${id}`;
    this.value = value;
    this.failure = failure;
  }
  skip(value) {
    if (this.verbosity >= 2) this.appendExecutionTree(-1, value);
    if (this.pathToFailure === void 0) ++this.numSkips;
  }
  success(value) {
    if (this.verbosity >= 2) this.appendExecutionTree(0, value);
    if (this.pathToFailure === void 0) ++this.numSuccesses;
  }
  interrupt() {
    this.interrupted = true;
  }
  isSuccess() {
    return this.pathToFailure === void 0;
  }
  firstFailure() {
    return this.pathToFailure !== void 0 ? +safeSplit(this.pathToFailure, ":")[0] : -1;
  }
  numShrinks() {
    return this.pathToFailure !== void 0 ? safeSplit(this.pathToFailure, ":").length - 1 : 0;
  }
  extractFailures() {
    if (this.isSuccess()) return [];
    const failures = [];
    let cursor = this.rootExecutionTrees;
    while (cursor.length > 0 && cursor[cursor.length - 1].status === 1) {
      const failureTree = cursor[cursor.length - 1];
      failures.push(failureTree.value);
      cursor = failureTree.children;
    }
    return failures;
  }
  static mergePaths(offsetPath, path) {
    if (offsetPath.length === 0) return path;
    const offsetItems = offsetPath.split(":");
    const remainingItems = path.split(":");
    const middle = +offsetItems[offsetItems.length - 1] + +remainingItems[0];
    return [
      ...offsetItems.slice(0, offsetItems.length - 1),
      `${middle}`,
      ...remainingItems.slice(1)
    ].join(":");
  }
  toRunDetails(seed, basePath, maxSkips, qParams) {
    if (!this.isSuccess()) return {
      failed: true,
      interrupted: this.interrupted,
      numRuns: this.firstFailure() + 1 - this.numSkips,
      numSkips: this.numSkips,
      numShrinks: this.numShrinks(),
      seed,
      counterexample: this.value,
      counterexamplePath: RunExecution2.mergePaths(basePath, this.pathToFailure),
      errorInstance: this.failure.error,
      failures: this.extractFailures(),
      executionSummary: this.rootExecutionTrees,
      verbose: this.verbosity,
      runConfiguration: qParams.toParameters()
    };
    const considerInterruptedAsFailure = this.interruptedAsFailure || this.numSuccesses === 0;
    return {
      failed: this.numSkips > maxSkips || this.interrupted && considerInterruptedAsFailure,
      interrupted: this.interrupted,
      numRuns: this.numSuccesses,
      numSkips: this.numSkips,
      numShrinks: 0,
      seed,
      counterexample: null,
      counterexamplePath: null,
      error: null,
      errorInstance: null,
      failures: [],
      executionSummary: this.rootExecutionTrees,
      verbose: this.verbosity,
      runConfiguration: qParams.toParameters()
    };
  }
};
var RunnerIterator = class {
  constructor(sourceValues, shrink, verbose, interruptedAsFailure) {
    this.sourceValues = sourceValues;
    this.shrink = shrink;
    this.runExecution = new RunExecution(verbose, interruptedAsFailure);
    this.currentIdx = -1;
    this.nextValues = sourceValues;
  }
  [Symbol.iterator]() {
    return this;
  }
  next() {
    const nextValue = this.nextValues.next();
    if (nextValue.done || this.runExecution.interrupted) return {
      done: true,
      value: void 0
    };
    this.currentValue = nextValue.value;
    ++this.currentIdx;
    return {
      done: false,
      value: nextValue.value.value_
    };
  }
  handleResult(result) {
    if (result !== null && typeof result === "object" && !PreconditionFailure.isFailure(result)) {
      this.runExecution.fail(this.currentValue.value_, this.currentIdx, result);
      this.currentIdx = -1;
      this.nextValues = this.shrink(this.currentValue);
    } else if (result !== null) {
      if (!result.interruptExecution) {
        this.runExecution.skip(this.currentValue.value_);
        this.sourceValues.skippedOne();
      } else this.runExecution.interrupt();
    } else this.runExecution.success(this.currentValue.value_);
  }
};
var SourceValuesIterator = class {
  constructor(initialValues, maxInitialIterations, remainingSkips) {
    this.initialValues = initialValues;
    this.maxInitialIterations = maxInitialIterations;
    this.remainingSkips = remainingSkips;
  }
  [Symbol.iterator]() {
    return this;
  }
  next() {
    if (--this.maxInitialIterations !== -1 && this.remainingSkips >= 0) {
      const n = this.initialValues.next();
      if (!n.done) return {
        value: n.value,
        done: false
      };
    }
    return {
      value: void 0,
      done: true
    };
  }
  skippedOne() {
    --this.remainingSkips;
    ++this.maxInitialIterations;
  }
};
var MIN_INT = -2147483648;
var MAX_INT = 2147483647;
var DBL_FACTOR = Math.pow(2, 27);
var DBL_DIVISOR = Math.pow(2, -53);
var Random = class Random2 {
  /**
  * Create a mutable random number generator by cloning the passed one and mutate it
  * @param sourceRng - Immutable random generator from pure-rand library, will not be altered (a clone will be)
  */
  constructor(sourceRng) {
    this.internalRng = adaptRandomGenerator(sourceRng.clone());
  }
  /**
  * Clone the random number generator
  */
  clone() {
    return new Random2(this.internalRng);
  }
  /**
  * Generate an integer having `bits` random bits
  * @param bits - Number of bits to generate
  * @deprecated Prefer {@link nextInt} with explicit bounds: `nextInt(0, (1 << bits) - 1)`
  */
  next(bits) {
    return uniformInt(this.internalRng, 0, (1 << bits) - 1);
  }
  /**
  * Generate a random boolean
  * @deprecated Prefer {@link nextInt} with explicit bounds: `nextInt(0, 1) === 1`
  */
  nextBoolean() {
    return uniformInt(this.internalRng, 0, 1) === 1;
  }
  nextInt(min2, max2) {
    return uniformInt(this.internalRng, min2 === void 0 ? MIN_INT : min2, max2 === void 0 ? MAX_INT : max2);
  }
  /**
  * Generate a random bigint between min (included) and max (included)
  * @param min - Minimal bigint value
  * @param max - Maximal bigint value
  */
  nextBigInt(min2, max2) {
    return uniformBigInt(this.internalRng, min2, max2);
  }
  /**
  * Generate a random floating point number between 0.0 (included) and 1.0 (excluded)
  * @deprecated Prefer {@link nextInt} with explicit bounds
  */
  nextDouble() {
    const a = this.next(26);
    const b = this.next(27);
    return (a * DBL_FACTOR + b) * DBL_DIVISOR;
  }
  /**
  * Extract the internal state of the internal RandomGenerator backing the current instance of Random
  */
  getState() {
    if ("getState" in this.internalRng && typeof this.internalRng.getState === "function") return this.internalRng.getState();
  }
};
function tossNext(generator, rng, index) {
  rng.jump();
  return generator.generate(new Random(rng), index);
}
function* toss(generator, seed, random, examples) {
  for (let idx = 0; idx !== examples.length; ++idx) yield new Value(examples[idx], void 0);
  for (let idx = 0, rng = random(seed); ; ++idx) yield tossNext(generator, rng, idx);
}
function lazyGenerate(generator, rng, idx) {
  return () => generator.generate(new Random(rng), idx);
}
function* lazyToss(generator, seed, random, examples) {
  yield* safeMap(examples, (e) => () => new Value(e, void 0));
  let idx = 0;
  const rng = adaptRandomGenerator(random(seed));
  for (; ; ) {
    rng.jump();
    yield lazyGenerate(generator, rng, idx++);
  }
}
function produce(producer) {
  return producer();
}
function pathWalk(path, initialProducers, shrink) {
  const producers = initialProducers;
  const segments = path.split(":").map((text) => +text);
  if (segments.length === 0) return producers.map(produce);
  if (!segments.every((v) => !Number.isNaN(v))) throw new Error(`Unable to replay, got invalid path=${path}`);
  let values = producers.drop(segments[0]).map(produce);
  for (const s of segments.slice(1)) {
    const valueToShrink = values.getNthOrLast(0);
    if (valueToShrink === null) throw new Error(`Unable to replay, got wrong path=${path}`);
    values = shrink(valueToShrink).drop(s);
  }
  return values;
}
var safeObjectAssign$6 = Object.assign;
function formatHints(hints) {
  if (hints.length === 1) return `Hint: ${hints[0]}`;
  return hints.map((h2, idx) => `Hint (${idx + 1}): ${h2}`).join("\n");
}
function formatFailures(failures, stringifyOne) {
  return `Encountered failures were:
- ${failures.map(stringifyOne).join("\n- ")}`;
}
function formatExecutionSummary(executionTrees, stringifyOne) {
  const summaryLines = [];
  const remainingTreesAndDepth = [];
  for (let i = executionTrees.length - 1; i >= 0; --i) remainingTreesAndDepth.push({
    depth: 1,
    tree: executionTrees[i]
  });
  while (remainingTreesAndDepth.length !== 0) {
    const currentTreeAndDepth = remainingTreesAndDepth.pop();
    const currentTree = currentTreeAndDepth.tree;
    const currentDepth = currentTreeAndDepth.depth;
    const statusIcon = currentTree.status === 0 ? "\x1B[32m\u221A\x1B[0m" : currentTree.status === 1 ? "\x1B[31m\xD7\x1B[0m" : "\x1B[33m!\x1B[0m";
    const leftPadding = currentDepth !== 0 ? ". ".repeat(currentDepth - 1) : "";
    summaryLines.push(`${leftPadding}${statusIcon} ${stringifyOne(currentTree.value)}`);
    for (let i = currentTree.children.length - 1; i >= 0; --i) remainingTreesAndDepth.push({
      depth: currentDepth + 1,
      tree: currentTree.children[i]
    });
  }
  return `Execution summary:
${summaryLines.join("\n")}`;
}
function preFormatTooManySkipped(out2, stringifyOne) {
  const message = `Failed to run property, too many pre-condition failures encountered
{ seed: ${out2.seed} }

Ran ${out2.numRuns} time(s)
Skipped ${out2.numSkips} time(s)`;
  let details = null;
  const hints = ["Try to reduce the number of rejected values by combining map, chain and built-in arbitraries", "Increase failure tolerance by setting maxSkipsPerRun to an higher value"];
  if (out2.verbose >= 2) details = formatExecutionSummary(out2.executionSummary, stringifyOne);
  else safePush(hints, "Enable verbose mode at level VeryVerbose in order to check all generated values and their associated status");
  return {
    message,
    details,
    hints
  };
}
function prettyError(errorInstance) {
  if (errorInstance instanceof SError && errorInstance.stack !== void 0) return errorInstance.stack;
  try {
    return SString(errorInstance);
  } catch (_err) {
  }
  if (errorInstance instanceof SError) try {
    return safeErrorToString(errorInstance);
  } catch (_err) {
  }
  if (errorInstance !== null && typeof errorInstance === "object") try {
    return safeToString(errorInstance);
  } catch (_err) {
  }
  return "Failed to serialize errorInstance";
}
function preFormatFailure(out2, stringifyOne) {
  const messageErrorPart = out2.runConfiguration.includeErrorInReport ? `
Got ${safeReplace(prettyError(out2.errorInstance), /^Error: /, "error: ")}` : "";
  const message = `Property failed after ${out2.numRuns} tests
{ seed: ${out2.seed}, path: "${out2.counterexamplePath}", endOnFailure: true }
Counterexample: ${stringifyOne(out2.counterexample)}
Shrunk ${out2.numShrinks} time(s)${messageErrorPart}`;
  let details = null;
  const hints = [];
  if (out2.verbose >= 2) details = formatExecutionSummary(out2.executionSummary, stringifyOne);
  else if (out2.verbose === 1) details = formatFailures(out2.failures, stringifyOne);
  else safePush(hints, "Enable verbose mode in order to have the list of all failing values encountered during the run");
  return {
    message,
    details,
    hints
  };
}
function preFormatEarlyInterrupted(out2, stringifyOne) {
  const message = `Property interrupted after ${out2.numRuns} tests
{ seed: ${out2.seed} }`;
  let details = null;
  const hints = [];
  if (out2.verbose >= 2) details = formatExecutionSummary(out2.executionSummary, stringifyOne);
  else safePush(hints, "Enable verbose mode at level VeryVerbose in order to check all generated values and their associated status");
  return {
    message,
    details,
    hints
  };
}
function defaultReportMessageInternal(out2, stringifyOne) {
  if (!out2.failed) return;
  const { message, details, hints } = out2.counterexamplePath === null ? out2.interrupted ? preFormatEarlyInterrupted(out2, stringifyOne) : preFormatTooManySkipped(out2, stringifyOne) : preFormatFailure(out2, stringifyOne);
  let errorMessage = message;
  if (details !== null) errorMessage += `

${details}`;
  if (hints.length > 0) errorMessage += `

${formatHints(hints)}`;
  return errorMessage;
}
function defaultReportMessage(out2) {
  return defaultReportMessageInternal(out2, stringify);
}
async function asyncDefaultReportMessage(out2) {
  const pendingStringifieds = [];
  function stringifyOne(value) {
    const stringified = possiblyAsyncStringify(value);
    if (typeof stringified === "string") return stringified;
    pendingStringifieds.push(Promise.all([value, stringified]));
    return "\u2026";
  }
  const firstTryMessage = defaultReportMessageInternal(out2, stringifyOne);
  if (pendingStringifieds.length === 0) return firstTryMessage;
  const registeredValues = new SMap$2(await Promise.all(pendingStringifieds));
  function stringifySecond(value) {
    const asyncStringifiedIfRegistered = safeMapGet(registeredValues, value);
    if (asyncStringifiedIfRegistered !== void 0) return asyncStringifiedIfRegistered;
    return stringify(value);
  }
  return defaultReportMessageInternal(out2, stringifySecond);
}
function buildError(errorMessage, out2) {
  if (out2.runConfiguration.includeErrorInReport) throw new SError(errorMessage);
  const error = new SError(errorMessage, { cause: out2.errorInstance });
  if (!("cause" in error)) safeObjectAssign$6(error, { cause: out2.errorInstance });
  return error;
}
function throwIfFailed(out2) {
  if (!out2.failed) return;
  throw buildError(defaultReportMessage(out2), out2);
}
async function asyncThrowIfFailed(out2) {
  if (!out2.failed) return;
  throw buildError(await asyncDefaultReportMessage(out2), out2);
}
function reportRunDetails(out2) {
  if (out2.runConfiguration.asyncReporter) return out2.runConfiguration.asyncReporter(out2);
  else if (out2.runConfiguration.reporter) return out2.runConfiguration.reporter(out2);
  else return throwIfFailed(out2);
}
async function asyncReportRunDetails(out2) {
  if (out2.runConfiguration.asyncReporter) return out2.runConfiguration.asyncReporter(out2);
  else if (out2.runConfiguration.reporter) return out2.runConfiguration.reporter(out2);
  else return asyncThrowIfFailed(out2);
}
var globalPlugins = [];
function installGlobalPlugin(plugin) {
  globalPlugins.push(plugin);
}
function readInstalledGlobalPlugins() {
  return globalPlugins;
}
var SMap$1 = Map;
function runIt(run, shrink, sourceValues, verbose, interruptedAsFailure) {
  const runner = new RunnerIterator(sourceValues, shrink, verbose, interruptedAsFailure);
  for (const v of runner) {
    const out2 = run(v);
    runner.handleResult(out2);
  }
  return runner.runExecution;
}
function propertyExecution(property2, v) {
  property2.runBeforeEach();
  const out2 = property2.run(v);
  property2.runAfterEach();
  return out2;
}
async function asyncRunIt(run, shrink, sourceValues, verbose, interruptedAsFailure) {
  const runner = new RunnerIterator(sourceValues, shrink, verbose, interruptedAsFailure);
  for (const v of runner) {
    const out2 = await run(v);
    runner.handleResult(out2);
  }
  return runner.runExecution;
}
async function asyncPropertyExecution(property2, v) {
  await property2.runBeforeEach();
  const out2 = await property2.run(v);
  await property2.runAfterEach();
  return out2;
}
function runPluginCompletionHooksSync(pluginInstances, runDetails) {
  let interceptedOnce = false;
  let interceptedError = void 0;
  for (let index = 0; index !== pluginInstances.length; ++index) {
    const instance = pluginInstances[index];
    if (instance.onAllRunsComplete !== void 0) try {
      instance.onAllRunsComplete(runDetails);
    } catch (error) {
      if (!interceptedOnce) {
        interceptedOnce = true;
        interceptedError = error;
      }
    }
  }
  for (let index = pluginInstances.length - 1; index >= 0; --index) {
    const instance = pluginInstances[index];
    if (instance.afterAll !== void 0) try {
      instance.afterAll();
    } catch (error) {
      if (!interceptedOnce) {
        interceptedOnce = true;
        interceptedError = error;
      }
    }
  }
  if (interceptedOnce) throw interceptedError;
}
function runPluginCompletionHooks(pluginInstances, runDetailsPromise) {
  const followUps = [];
  for (let index = 0; index !== pluginInstances.length; ++index) {
    const instance = pluginInstances[index];
    if (instance.onAllRunsComplete !== void 0) followUps.push((runDetails) => instance.onAllRunsComplete(runDetails));
  }
  for (let index = pluginInstances.length - 1; index >= 0; --index) {
    const instance = pluginInstances[index];
    if (instance.afterAll !== void 0) followUps.push(() => instance.afterAll());
  }
  if (followUps.length === 0) return runDetailsPromise;
  return runDetailsPromise.then(async (details) => {
    let interceptedOnce = false;
    let interceptedError = void 0;
    for (const followUp of followUps) try {
      const out2 = followUp(details);
      if (out2 !== void 0) await out2;
    } catch (error) {
      if (!interceptedOnce) {
        interceptedOnce = true;
        interceptedError = error;
      }
    }
    if (interceptedOnce) throw interceptedError;
    return details;
  });
}
function check(rawProperty, params) {
  if (rawProperty === null || rawProperty === void 0 || rawProperty.generate === null || rawProperty.generate === void 0) throw new Error("Invalid property encountered, please use a valid property");
  if (rawProperty.run === null || rawProperty.run === void 0) throw new Error("Invalid property encountered, please use a valid property not an arbitrary");
  const qParams = read({
    ...readConfigureGlobal(),
    ...params
  });
  if (qParams.reporter !== void 0 && qParams.asyncReporter !== void 0) throw new Error("Invalid parameters encountered, reporter and asyncReporter cannot be specified together");
  if (qParams.asyncReporter !== void 0 && !rawProperty.isAsync()) throw new Error("Invalid parameters encountered, only asyncProperty can be used when asyncReporter specified");
  const property2 = decorateProperty(rawProperty, qParams);
  const globalPlugins2 = readInstalledGlobalPlugins();
  const localPlugins = qParams.plugins;
  const pluginStore = new SMap$1();
  const pluginInstances = [];
  for (let index = 0; index !== globalPlugins2.length; ++index) pluginInstances.push(globalPlugins2[index](index, pluginStore));
  for (let index = 0; index !== localPlugins.length; ++index) pluginInstances.push(localPlugins[index](globalPlugins2.length + index, pluginStore));
  let surchargedGenerate = void 0;
  let run = property2.isAsync() ? async (v) => asyncPropertyExecution(property2, v) : (v) => propertyExecution(property2, v);
  for (let index = pluginInstances.length - 1; index >= 0; --index) {
    const pluginInstance = pluginInstances[index];
    if (pluginInstance.decorateGenerate !== void 0) {
      if (surchargedGenerate === void 0) surchargedGenerate = (mrng, runId) => property2.generate(mrng, runId);
      surchargedGenerate = pluginInstance.decorateGenerate(surchargedGenerate);
    }
    if (pluginInstance.decorateRun !== void 0) run = pluginInstance.decorateRun(run);
  }
  const generator = surchargedGenerate === void 0 ? property2 : { generate: surchargedGenerate };
  const maxInitialIterations = qParams.path.length === 0 || qParams.path.indexOf(":") === -1 ? qParams.numRuns : -1;
  const maxSkips = qParams.numRuns * qParams.maxSkipsPerRun;
  const shrink = (...args) => property2.shrink(...args);
  const sourceValues = new SourceValuesIterator(qParams.path.length === 0 ? toss(generator, qParams.seed, qParams.randomType, qParams.examples) : pathWalk(qParams.path, stream(lazyToss(generator, qParams.seed, qParams.randomType, qParams.examples)), shrink), maxInitialIterations, maxSkips);
  const finalShrink = !qParams.endOnFailure ? shrink : Stream.nil;
  if (property2.isAsync()) return runPluginCompletionHooks(pluginInstances, asyncRunIt(run, finalShrink, sourceValues, qParams.verbose, qParams.markInterruptAsFailure).then((e) => e.toRunDetails(qParams.seed, qParams.path, maxSkips, qParams)));
  const out2 = runIt(run, finalShrink, sourceValues, qParams.verbose, qParams.markInterruptAsFailure).toRunDetails(qParams.seed, qParams.path, maxSkips, qParams);
  runPluginCompletionHooksSync(pluginInstances, out2);
  return out2;
}
function assert(property2, params) {
  const out2 = check(property2, params);
  if (property2.isAsync()) return out2.then(asyncReportRunDetails);
  else reportRunDetails(out2);
}
function toProperty(generator, qParams) {
  const prop = !Object.prototype.hasOwnProperty.call(generator, "isAsync") ? new Property(generator, () => true) : generator;
  return qParams.unbiased === true ? new UnbiasedProperty(prop) : prop;
}
function streamSample(generator, params) {
  const qParams = read(typeof params === "number" ? {
    ...readConfigureGlobal(),
    numRuns: params
  } : {
    ...readConfigureGlobal(),
    ...params
  });
  const nextProperty = toProperty(generator, qParams);
  const shrink = nextProperty.shrink.bind(nextProperty);
  return (qParams.path.length === 0 ? stream(toss(nextProperty, qParams.seed, qParams.randomType, qParams.examples)) : pathWalk(qParams.path, stream(lazyToss(nextProperty, qParams.seed, qParams.randomType, qParams.examples)), shrink)).take(qParams.numRuns).map((s) => s.value_);
}
function sample(generator, params) {
  return [...streamSample(generator, params)];
}
function round2(n) {
  return (Math.round(n * 100) / 100).toFixed(2);
}
function statistics(generator, classify, params) {
  const qParams = read(typeof params === "number" ? {
    ...readConfigureGlobal(),
    numRuns: params
  } : {
    ...readConfigureGlobal(),
    ...params
  });
  const recorded = {};
  for (const g of streamSample(generator, params)) {
    const out2 = classify(g);
    const categories = Array.isArray(out2) ? out2 : [out2];
    for (const c of categories) recorded[c] = (recorded[c] || 0) + 1;
  }
  const data3 = Object.entries(recorded).sort((a, b) => b[1] - a[1]).map((i) => [i[0], `${round2(i[1] * 100 / qParams.numRuns)}%`]);
  const longestName = data3.map((i) => i[0].length).reduce((p, c) => Math.max(p, c), 0);
  const longestPercent = data3.map((i) => i[1].length).reduce((p, c) => Math.max(p, c), 0);
  for (const item of data3) qParams.logger(`${item[0].padEnd(longestName, ".")}..${item[1].padStart(longestPercent, ".")}`);
}
var safeObjectAssign$5 = Object.assign;
function buildGeneratorValue(mrng, biasFactor, computePreBuiltValues, arbitraryCache) {
  const preBuiltValues = computePreBuiltValues();
  let localMrng = mrng.clone();
  const context2 = {
    mrng: mrng.clone(),
    biasFactor,
    history: []
  };
  const valueFunction = (arb) => {
    const preBuiltValue = preBuiltValues[context2.history.length];
    if (preBuiltValue !== void 0 && preBuiltValue.arb === arb) {
      const value = preBuiltValue.value;
      safePush(context2.history, {
        arb,
        value,
        context: preBuiltValue.context,
        mrng: preBuiltValue.mrng
      });
      localMrng = preBuiltValue.mrng.clone();
      return value;
    }
    const g = arb.generate(localMrng, biasFactor);
    safePush(context2.history, {
      arb,
      value: g.value_,
      context: g.context,
      mrng: localMrng.clone()
    });
    return g.value;
  };
  const memoedValueFunction = (arb, ...args) => {
    return valueFunction(arbitraryCache(arb, args));
  };
  return new Value(safeObjectAssign$5(memoedValueFunction, {
    values() {
      return safeMap(context2.history, (c) => c.value);
    },
    [cloneMethod]() {
      return buildGeneratorValue(mrng, biasFactor, computePreBuiltValues, arbitraryCache).value;
    },
    [toStringMethod]() {
      return stringify(safeMap(context2.history, (c) => c.value));
    }
  }), context2);
}
var safeArrayIsArray$3 = Array.isArray;
var safeObjectKeys$4 = Object.keys;
var safeObjectIs$7 = Object.is;
function buildStableArbitraryGeneratorCache(isEqual) {
  const previousCallsPerBuilder = new SMap$2();
  return function stableArbitraryGeneratorCache(builder, args) {
    const entriesForBuilder = safeMapGet(previousCallsPerBuilder, builder);
    if (entriesForBuilder === void 0) {
      const newValue2 = builder(...args);
      safeMapSet(previousCallsPerBuilder, builder, [{
        args,
        value: newValue2
      }]);
      return newValue2;
    }
    const safeEntriesForBuilder = entriesForBuilder;
    for (const entry of safeEntriesForBuilder) if (isEqual(args, entry.args)) return entry.value;
    const newValue = builder(...args);
    safePush(safeEntriesForBuilder, {
      args,
      value: newValue
    });
    return newValue;
  };
}
function naiveIsEqual(v1, v2) {
  if (v1 !== null && typeof v1 === "object" && v2 !== null && typeof v2 === "object") {
    if (safeArrayIsArray$3(v1)) {
      if (!safeArrayIsArray$3(v2)) return false;
      if (v1.length !== v2.length) return false;
    } else if (safeArrayIsArray$3(v2)) return false;
    if (safeObjectKeys$4(v1).length !== safeObjectKeys$4(v2).length) return false;
    for (const index in v1) {
      if (!(index in v2)) return false;
      if (!naiveIsEqual(v1[index], v2[index])) return false;
    }
    return true;
  } else return safeObjectIs$7(v1, v2);
}
var GeneratorArbitrary = class extends Arbitrary {
  constructor(..._args) {
    super(..._args);
    this.arbitraryCache = buildStableArbitraryGeneratorCache(naiveIsEqual);
  }
  generate(mrng, biasFactor) {
    return buildGeneratorValue(mrng, biasFactor, () => [], this.arbitraryCache);
  }
  canShrinkWithoutContext(_value) {
    return false;
  }
  shrink(_value, context2) {
    if (context2 === void 0) return Stream.nil();
    const safeContext = context2;
    const mrng = safeContext.mrng;
    const biasFactor = safeContext.biasFactor;
    const history = safeContext.history;
    return tupleShrink(history.map((c) => c.arb), history.map((c) => c.value), history.map((c) => c.context)).map((shrink) => {
      function computePreBuiltValues() {
        const subValues = shrink.value;
        const subContexts = shrink.context;
        return safeMap(history, (entry, index) => ({
          arb: entry.arb,
          value: subValues[index],
          context: subContexts[index],
          mrng: entry.mrng
        }));
      }
      return buildGeneratorValue(mrng, biasFactor, computePreBuiltValues, this.arbitraryCache);
    });
  }
};
function gen() {
  return new GeneratorArbitrary();
}
var safeMathFloor$6 = Math.floor;
var safeMathLog$2 = Math.log;
function integerLogLike(v) {
  return safeMathFloor$6(safeMathLog$2(v) / safeMathLog$2(2));
}
function bigIntLogLike(v) {
  if (v === SBigInt2(0)) return SBigInt2(0);
  return SBigInt2(SString(v).length);
}
function biasNumericRange(min2, max2, logLike) {
  if (min2 === max2) return [{
    min: min2,
    max: max2
  }];
  if (min2 < 0 && max2 > 0) {
    const logMin = logLike(-min2);
    const logMax = logLike(max2);
    return [
      {
        min: -logMin,
        max: logMax
      },
      {
        min: max2 - logMax,
        max: max2
      },
      {
        min: min2,
        max: min2 + logMin
      }
    ];
  }
  const logGap = logLike(max2 - min2);
  const arbCloseToMin = {
    min: min2,
    max: min2 + logGap
  };
  const arbCloseToMax = {
    min: max2 - logGap,
    max: max2
  };
  return min2 < 0 ? [arbCloseToMax, arbCloseToMin] : [arbCloseToMin, arbCloseToMax];
}
var safeMathCeil = Math.ceil;
var safeMathFloor$5 = Math.floor;
function halvePosInteger(n) {
  return safeMathFloor$5(n / 2);
}
function halveNegInteger(n) {
  return safeMathCeil(n / 2);
}
function shrinkInteger(current, target, tryTargetAsap) {
  const realGap = current - target;
  function* shrinkDecr() {
    let previous = tryTargetAsap ? void 0 : target;
    const gap = tryTargetAsap ? realGap : halvePosInteger(realGap);
    for (let toremove = gap; toremove > 0; toremove = halvePosInteger(toremove)) {
      const next = toremove === realGap ? target : current - toremove;
      yield new Value(next, previous);
      previous = next;
    }
  }
  function* shrinkIncr() {
    let previous = tryTargetAsap ? void 0 : target;
    const gap = tryTargetAsap ? realGap : halveNegInteger(realGap);
    for (let toremove = gap; toremove < 0; toremove = halveNegInteger(toremove)) {
      const next = toremove === realGap ? target : current - toremove;
      yield new Value(next, previous);
      previous = next;
    }
  }
  return realGap > 0 ? stream(shrinkDecr()) : stream(shrinkIncr());
}
var safeMathSign = Math.sign;
var safeNumberIsInteger$6 = Number.isInteger;
var safeObjectIs$6 = Object.is;
var IntegerArbitrary = class IntegerArbitrary2 extends Arbitrary {
  constructor(min2, max2) {
    super();
    this.min = min2;
    this.max = max2;
    this.ranges = biasNumericRange(min2, max2, integerLogLike);
  }
  generate(mrng, biasFactor) {
    if (biasFactor === void 0 || mrng.nextInt(1, biasFactor) !== 1) return new Value(mrng.nextInt(this.min, this.max), void 0);
    const ranges = this.ranges;
    if (ranges.length === 1) {
      const range2 = ranges[0];
      return new Value(mrng.nextInt(range2.min, range2.max), void 0);
    }
    const id = mrng.nextInt(-2 * (ranges.length - 1), ranges.length - 2);
    const range = id < 0 ? ranges[0] : ranges[id + 1];
    return new Value(mrng.nextInt(range.min, range.max), void 0);
  }
  canShrinkWithoutContext(value) {
    return typeof value === "number" && safeNumberIsInteger$6(value) && !safeObjectIs$6(value, -0) && this.min <= value && value <= this.max;
  }
  shrink(current, context2) {
    if (!IntegerArbitrary2.isValidContext(current, context2)) return shrinkInteger(current, this.min <= 0 && this.max >= 0 ? 0 : this.min < 0 ? this.max : this.min, true);
    if (this.isLastChanceTry(current, context2)) return Stream.of(new Value(context2, void 0));
    return shrinkInteger(current, context2, false);
  }
  isLastChanceTry(current, context2) {
    if (current > 0) return current === context2 + 1 && current > this.min;
    if (current < 0) return current === context2 - 1 && current < this.max;
    return false;
  }
  static isValidContext(current, context2) {
    if (context2 === void 0) return false;
    if (typeof context2 !== "number") throw new Error(`Invalid context type passed to IntegerArbitrary (#1)`);
    if (context2 !== 0 && safeMathSign(current) !== safeMathSign(context2)) throw new Error(`Invalid context value passed to IntegerArbitrary (#2)`);
    return true;
  }
};
var safeNumberIsInteger$5 = Number.isInteger;
function buildCompleteIntegerConstraints(constraints) {
  return {
    min: constraints.min !== void 0 ? constraints.min : -2147483648,
    max: constraints.max !== void 0 ? constraints.max : 2147483647
  };
}
function integer(constraints = {}) {
  const fullConstraints = buildCompleteIntegerConstraints(constraints);
  if (fullConstraints.min > fullConstraints.max) throw new Error("fc.integer maximum value should be equal or greater than the minimum one");
  if (!safeNumberIsInteger$5(fullConstraints.min)) throw new Error("fc.integer minimum value should be an integer");
  if (!safeNumberIsInteger$5(fullConstraints.max)) throw new Error("fc.integer maximum value should be an integer");
  return new IntegerArbitrary(fullConstraints.min, fullConstraints.max);
}
var depthContextCache = /* @__PURE__ */ new Map();
function getDepthContextFor(contextMeta) {
  if (contextMeta === void 0) return { depth: 0 };
  if (typeof contextMeta !== "string") return contextMeta;
  const cachedContext = safeMapGet(depthContextCache, contextMeta);
  if (cachedContext !== void 0) return cachedContext;
  const context2 = { depth: 0 };
  safeMapSet(depthContextCache, contextMeta, context2);
  return context2;
}
function createDepthIdentifier() {
  return { depth: 0 };
}
var NoopSlicedGenerator = class {
  constructor(arb, mrng, biasFactor) {
    this.arb = arb;
    this.mrng = mrng;
    this.biasFactor = biasFactor;
  }
  attemptExact() {
  }
  next() {
    return this.arb.generate(this.mrng, this.biasFactor);
  }
};
var safeMathMin$5 = Math.min;
var safeMathMax$2 = Math.max;
var SlicedBasedGenerator = class {
  constructor(arb, mrng, slices, biasFactor) {
    this.arb = arb;
    this.mrng = mrng;
    this.slices = slices;
    this.biasFactor = biasFactor;
    this.activeSliceIndex = 0;
    this.nextIndexInSlice = 0;
    this.lastIndexInSlice = -1;
  }
  attemptExact(targetLength) {
    if (targetLength !== 0 && this.mrng.nextInt(1, this.biasFactor) === 1) {
      const eligibleIndices = [];
      for (let index = 0; index !== this.slices.length; ++index) if (this.slices[index].length === targetLength) safePush(eligibleIndices, index);
      if (eligibleIndices.length === 0) return;
      this.activeSliceIndex = eligibleIndices[this.mrng.nextInt(0, eligibleIndices.length - 1)];
      this.nextIndexInSlice = 0;
      this.lastIndexInSlice = targetLength - 1;
    }
  }
  next() {
    if (this.nextIndexInSlice <= this.lastIndexInSlice) return new Value(this.slices[this.activeSliceIndex][this.nextIndexInSlice++], void 0);
    if (this.mrng.nextInt(1, this.biasFactor) !== 1) return this.arb.generate(this.mrng, this.biasFactor);
    this.activeSliceIndex = this.mrng.nextInt(0, this.slices.length - 1);
    const slice = this.slices[this.activeSliceIndex];
    if (this.mrng.nextInt(1, this.biasFactor) !== 1) {
      this.nextIndexInSlice = 1;
      this.lastIndexInSlice = slice.length - 1;
      return new Value(slice[0], void 0);
    }
    const rangeBoundaryA = this.mrng.nextInt(0, slice.length - 1);
    const rangeBoundaryB = this.mrng.nextInt(0, slice.length - 1);
    this.nextIndexInSlice = safeMathMin$5(rangeBoundaryA, rangeBoundaryB);
    this.lastIndexInSlice = safeMathMax$2(rangeBoundaryA, rangeBoundaryB);
    return new Value(slice[this.nextIndexInSlice++], void 0);
  }
};
function buildSlicedGenerator(arb, mrng, slices, biasFactor) {
  if (biasFactor === void 0 || slices.length === 0 || mrng.nextInt(1, biasFactor) !== 1) return new NoopSlicedGenerator(arb, mrng, biasFactor);
  return new SlicedBasedGenerator(arb, mrng, slices, biasFactor);
}
var safeMathFloor$4 = Math.floor;
var safeMathLog$1 = Math.log;
var safeArrayIsArray$2 = Array.isArray;
function biasedMaxLength(minLength, maxLength) {
  if (minLength === maxLength) return minLength;
  return minLength + safeMathFloor$4(safeMathLog$1(maxLength - minLength) / safeMathLog$1(2));
}
var ArrayArbitrary = class ArrayArbitrary2 extends Arbitrary {
  constructor(arb, minLength, maxGeneratedLength, maxLength, depthIdentifier, setBuilder, customSlices) {
    super();
    this.arb = arb;
    this.minLength = minLength;
    this.maxGeneratedLength = maxGeneratedLength;
    this.maxLength = maxLength;
    this.setBuilder = setBuilder;
    this.customSlices = customSlices;
    this.lengthArb = integer({
      min: minLength,
      max: maxGeneratedLength
    });
    this.depthContext = getDepthContextFor(depthIdentifier);
    this.cachedBiasedMaxLength = biasedMaxLength(minLength, maxGeneratedLength);
  }
  preFilter(tab) {
    if (this.setBuilder === void 0) return tab;
    const s = this.setBuilder();
    for (let index = 0; index !== tab.length; ++index) s.tryAdd(tab[index]);
    return s.getData();
  }
  static makeItCloneable(vs, shrinkables) {
    vs[cloneMethod] = () => {
      const cloned = [];
      for (let idx = 0; idx !== shrinkables.length; ++idx) safePush(cloned, shrinkables[idx].value);
      this.makeItCloneable(cloned, shrinkables);
      return cloned;
    };
    return vs;
  }
  generateNItemsNoDuplicates(setBuilder, N2, mrng, biasFactorItems) {
    let numSkippedInRow = 0;
    const s = setBuilder();
    const slicedGenerator = buildSlicedGenerator(this.arb, mrng, this.customSlices, biasFactorItems);
    while (s.size() < N2 && numSkippedInRow < this.maxGeneratedLength) {
      const current = slicedGenerator.next();
      if (s.tryAdd(current)) numSkippedInRow = 0;
      else numSkippedInRow += 1;
    }
    return s.getData();
  }
  safeGenerateNItemsNoDuplicates(setBuilder, N2, mrng, biasFactorItems) {
    const depthImpact = N2 - this.cachedBiasedMaxLength;
    if (depthImpact <= 0) return this.generateNItemsNoDuplicates(setBuilder, N2, mrng, biasFactorItems);
    this.depthContext.depth += depthImpact;
    try {
      return this.generateNItemsNoDuplicates(setBuilder, N2, mrng, biasFactorItems);
    } finally {
      this.depthContext.depth -= depthImpact;
    }
  }
  generateNItems(N2, mrng, biasFactorItems) {
    const items2 = [];
    const slicedGenerator = buildSlicedGenerator(this.arb, mrng, this.customSlices, biasFactorItems);
    slicedGenerator.attemptExact(N2);
    for (let index = 0; index !== N2; ++index) safePush(items2, slicedGenerator.next());
    return items2;
  }
  safeGenerateNItems(N2, mrng, biasFactorItems) {
    const depthImpact = N2 - this.cachedBiasedMaxLength;
    if (depthImpact <= 0) return this.generateNItems(N2, mrng, biasFactorItems);
    this.depthContext.depth += depthImpact;
    try {
      return this.generateNItems(N2, mrng, biasFactorItems);
    } finally {
      this.depthContext.depth -= depthImpact;
    }
  }
  wrapper(itemsRaw, shrunkOnce, itemsRawLengthContext, startIndex) {
    const items2 = shrunkOnce ? this.preFilter(itemsRaw) : itemsRaw;
    let cloneable = false;
    const vs = [];
    const itemsContexts = [];
    for (let idx = 0; idx !== items2.length; ++idx) {
      const s = items2[idx];
      cloneable = cloneable || s.hasToBeCloned;
      safePush(vs, s.value);
      safePush(itemsContexts, s.context);
    }
    if (cloneable) ArrayArbitrary2.makeItCloneable(vs, items2);
    return new Value(vs, {
      shrunkOnce,
      lengthContext: itemsRaw.length === items2.length && itemsRawLengthContext !== void 0 ? itemsRawLengthContext : void 0,
      itemsContexts,
      startIndex
    });
  }
  generate(mrng, biasFactor) {
    let targetSize;
    let biasFactorItems;
    if (biasFactor === void 0) targetSize = this.lengthArb.generate(mrng, void 0).value;
    else if (this.minLength === this.maxGeneratedLength) {
      targetSize = this.lengthArb.generate(mrng, void 0).value;
      biasFactorItems = biasFactor;
    } else if (mrng.nextInt(1, biasFactor) !== 1) targetSize = this.lengthArb.generate(mrng, void 0).value;
    else if (mrng.nextInt(1, biasFactor) !== 1) {
      targetSize = this.lengthArb.generate(mrng, void 0).value;
      biasFactorItems = biasFactor;
    } else {
      const maxBiasedLength = this.cachedBiasedMaxLength;
      targetSize = integer({
        min: this.minLength,
        max: maxBiasedLength
      }).generate(mrng, void 0).value;
      biasFactorItems = biasFactor;
    }
    const items2 = this.setBuilder !== void 0 ? this.safeGenerateNItemsNoDuplicates(this.setBuilder, targetSize, mrng, biasFactorItems) : this.safeGenerateNItems(targetSize, mrng, biasFactorItems);
    return this.wrapper(items2, false, void 0, 0);
  }
  canShrinkWithoutContext(value) {
    if (!safeArrayIsArray$2(value) || this.minLength > value.length || value.length > this.maxLength) return false;
    for (let index = 0; index !== value.length; ++index) {
      if (!(index in value)) return false;
      if (!this.arb.canShrinkWithoutContext(value[index])) return false;
    }
    return this.preFilter(safeMap(value, (item) => new Value(item, void 0))).length === value.length;
  }
  shrinkItemByItem(value, safeContext, endIndex) {
    const shrinks = [];
    for (let index = safeContext.startIndex; index < endIndex; ++index) safePush(shrinks, makeLazy(() => this.arb.shrink(value[index], safeContext.itemsContexts[index]).map((v) => {
      const beforeCurrent = safeMap(safeSlice(value, 0, index), (v2, i) => new Value(cloneIfNeeded(v2), safeContext.itemsContexts[i]));
      const afterCurrent = safeMap(safeSlice(value, index + 1), (v2, i) => new Value(cloneIfNeeded(v2), safeContext.itemsContexts[i + index + 1]));
      return [
        [
          ...beforeCurrent,
          v,
          ...afterCurrent
        ],
        void 0,
        index
      ];
    })));
    return Stream.nil().join(...shrinks);
  }
  shrinkImpl(value, context2) {
    if (value.length === 0) return Stream.nil();
    const safeContext = context2 !== void 0 ? context2 : {
      shrunkOnce: false,
      lengthContext: void 0,
      itemsContexts: [],
      startIndex: 0
    };
    return this.lengthArb.shrink(value.length, safeContext.lengthContext).drop(safeContext.shrunkOnce && safeContext.lengthContext === void 0 && value.length > this.minLength + 1 ? 1 : 0).map((lengthValue) => {
      const sliceStart = value.length - lengthValue.value;
      return [
        safeMap(safeSlice(value, sliceStart), (v, index) => new Value(cloneIfNeeded(v), safeContext.itemsContexts[index + sliceStart])),
        lengthValue.context,
        0
      ];
    }).join(makeLazy(() => value.length > this.minLength ? this.shrinkItemByItem(value, safeContext, 1) : this.shrinkItemByItem(value, safeContext, value.length))).join(value.length > this.minLength ? makeLazy(() => {
      const subContext = {
        shrunkOnce: false,
        lengthContext: void 0,
        itemsContexts: safeSlice(safeContext.itemsContexts, 1),
        startIndex: 0
      };
      return this.shrinkImpl(safeSlice(value, 1), subContext).filter((v) => this.minLength <= v[0].length + 1).map((v) => {
        return [
          [new Value(cloneIfNeeded(value[0]), safeContext.itemsContexts[0]), ...v[0]],
          void 0,
          0
        ];
      });
    }) : Stream.nil());
  }
  shrink(value, context2) {
    return this.shrinkImpl(value, context2).map((contextualValue) => this.wrapper(contextualValue[0], true, contextualValue[1], contextualValue[2]));
  }
};
var safeMathFloor$3 = Math.floor;
var safeMathMin$4 = Math.min;
var MaxLengthUpperBound = 2147483647;
var orderedSize = [
  "xsmall",
  "small",
  "medium",
  "large",
  "xlarge"
];
var orderedRelativeSize = [
  "-4",
  "-3",
  "-2",
  "-1",
  "=",
  "+1",
  "+2",
  "+3",
  "+4"
];
var DefaultSize = "small";
function maxLengthFromMinLength(minLength, size) {
  switch (size) {
    case "xsmall":
      return safeMathFloor$3(1.1 * minLength) + 1;
    case "small":
      return 2 * minLength + 10;
    case "medium":
      return 11 * minLength + 100;
    case "large":
      return 101 * minLength + 1e3;
    case "xlarge":
      return 1001 * minLength + 1e4;
    default:
      throw new Error(`Unable to compute lengths based on received size: ${size}`);
  }
}
function relativeSizeToSize(size, defaultSize) {
  const sizeInRelative = safeIndexOf(orderedRelativeSize, size);
  if (sizeInRelative === -1) return size;
  const defaultSizeInSize = safeIndexOf(orderedSize, defaultSize);
  if (defaultSizeInSize === -1) throw new Error(`Unable to offset size based on the unknown defaulted one: ${defaultSize}`);
  const resultingSizeInSize = defaultSizeInSize + sizeInRelative - 4;
  return resultingSizeInSize < 0 ? orderedSize[0] : resultingSizeInSize >= orderedSize.length ? orderedSize[orderedSize.length - 1] : orderedSize[resultingSizeInSize];
}
function maxGeneratedLengthFromSizeForArbitrary(size, minLength, maxLength, specifiedMaxLength) {
  const { baseSize: defaultSize = DefaultSize, defaultSizeToMaxWhenMaxSpecified } = readConfigureGlobal() || {};
  const definedSize = size !== void 0 ? size : specifiedMaxLength && defaultSizeToMaxWhenMaxSpecified ? "max" : defaultSize;
  if (definedSize === "max") return maxLength;
  const finalSize = relativeSizeToSize(definedSize, defaultSize);
  return safeMathMin$4(maxLengthFromMinLength(minLength, finalSize), maxLength);
}
function depthBiasFromSizeForArbitrary(depthSizeOrSize, specifiedMaxDepth) {
  if (typeof depthSizeOrSize === "number") return 1 / depthSizeOrSize;
  const { baseSize: defaultSize = DefaultSize, defaultSizeToMaxWhenMaxSpecified } = readConfigureGlobal() || {};
  const definedSize = depthSizeOrSize !== void 0 ? depthSizeOrSize : specifiedMaxDepth && defaultSizeToMaxWhenMaxSpecified ? "max" : defaultSize;
  if (definedSize === "max") return 0;
  switch (relativeSizeToSize(definedSize, defaultSize)) {
    case "xsmall":
      return 1;
    case "small":
      return 0.5;
    case "medium":
      return 0.25;
    case "large":
      return 0.125;
    case "xlarge":
      return 0.0625;
  }
}
function resolveSize(size) {
  const { baseSize: defaultSize = DefaultSize } = readConfigureGlobal() || {};
  if (size === void 0) return defaultSize;
  return relativeSizeToSize(size, defaultSize);
}
function array(arb, constraints = {}) {
  const size = constraints.size;
  const minLength = constraints.minLength || 0;
  const maxLengthOrUnset = constraints.maxLength;
  const depthIdentifier = constraints.depthIdentifier;
  const maxLength = maxLengthOrUnset !== void 0 ? maxLengthOrUnset : MaxLengthUpperBound;
  return new ArrayArbitrary(arb, minLength, maxGeneratedLengthFromSizeForArbitrary(size, minLength, maxLength, maxLengthOrUnset !== void 0), maxLength, depthIdentifier, void 0, constraints.experimentalCustomSlices || []);
}
function halveBigInt(n) {
  return n / SBigInt2(2);
}
function shrinkBigInt(current, target, tryTargetAsap) {
  const realGap = current - target;
  function* shrinkDecr() {
    let previous = tryTargetAsap ? void 0 : target;
    const gap = tryTargetAsap ? realGap : halveBigInt(realGap);
    for (let toremove = gap; toremove > 0; toremove = halveBigInt(toremove)) {
      const next = current - toremove;
      yield new Value(next, previous);
      previous = next;
    }
  }
  function* shrinkIncr() {
    let previous = tryTargetAsap ? void 0 : target;
    const gap = tryTargetAsap ? realGap : halveBigInt(realGap);
    for (let toremove = gap; toremove < 0; toremove = halveBigInt(toremove)) {
      const next = current - toremove;
      yield new Value(next, previous);
      previous = next;
    }
  }
  return realGap > 0 ? stream(shrinkDecr()) : stream(shrinkIncr());
}
var BigIntArbitrary = class BigIntArbitrary2 extends Arbitrary {
  constructor(min2, max2) {
    super();
    this.min = min2;
    this.max = max2;
  }
  generate(mrng, biasFactor) {
    const range = this.computeGenerateRange(mrng, biasFactor);
    return new Value(mrng.nextBigInt(range.min, range.max), void 0);
  }
  computeGenerateRange(mrng, biasFactor) {
    if (biasFactor === void 0 || mrng.nextInt(1, biasFactor) !== 1) return {
      min: this.min,
      max: this.max
    };
    const ranges = biasNumericRange(this.min, this.max, bigIntLogLike);
    if (ranges.length === 1) return ranges[0];
    const id = mrng.nextInt(-2 * (ranges.length - 1), ranges.length - 2);
    return id < 0 ? ranges[0] : ranges[id + 1];
  }
  canShrinkWithoutContext(value) {
    return typeof value === "bigint" && this.min <= value && value <= this.max;
  }
  shrink(current, context2) {
    if (!BigIntArbitrary2.isValidContext(current, context2)) return shrinkBigInt(current, this.defaultTarget(), true);
    if (this.isLastChanceTry(current, context2)) return Stream.of(new Value(context2, void 0));
    return shrinkBigInt(current, context2, false);
  }
  defaultTarget() {
    if (this.min <= 0 && this.max >= 0) return SBigInt2(0);
    return this.min < 0 ? this.max : this.min;
  }
  isLastChanceTry(current, context2) {
    if (current > 0) return current === context2 + SBigInt2(1) && current > this.min;
    if (current < 0) return current === context2 - SBigInt2(1) && current < this.max;
    return false;
  }
  static isValidContext(current, context2) {
    if (context2 === void 0) return false;
    if (typeof context2 !== "bigint") throw new Error(`Invalid context type passed to BigIntArbitrary (#1)`);
    const differentSigns = current > 0 && context2 < 0 || current < 0 && context2 > 0;
    if (context2 !== SBigInt2(0) && differentSigns) throw new Error(`Invalid context value passed to BigIntArbitrary (#2)`);
    return true;
  }
};
function buildCompleteBigIntConstraints(constraints) {
  const DefaultMin = SBigInt2(-1) << SBigInt2(255);
  const DefaultMax = (SBigInt2(1) << SBigInt2(255)) - SBigInt2(1);
  const min2 = constraints.min;
  const max2 = constraints.max;
  return {
    min: min2 !== void 0 ? min2 : DefaultMin - (max2 !== void 0 && max2 < SBigInt2(0) ? max2 * max2 : SBigInt2(0)),
    max: max2 !== void 0 ? max2 : DefaultMax + (min2 !== void 0 && min2 > SBigInt2(0) ? min2 * min2 : SBigInt2(0))
  };
}
function extractBigIntConstraints(args) {
  if (args[0] === void 0) return {};
  if (args[1] === void 0) return args[0];
  return {
    min: args[0],
    max: args[1]
  };
}
function bigInt(...args) {
  const constraints = buildCompleteBigIntConstraints(extractBigIntConstraints(args));
  if (constraints.min > constraints.max) throw new Error("fc.bigInt expects max to be greater than or equal to min");
  return new BigIntArbitrary(constraints.min, constraints.max);
}
var stableObjectGetPrototypeOf$1 = Object.getPrototypeOf;
var NoBiasArbitrary = class extends Arbitrary {
  constructor(arb) {
    super();
    this.arb = arb;
  }
  generate(mrng, _biasFactor) {
    return this.arb.generate(mrng, void 0);
  }
  canShrinkWithoutContext(value) {
    return this.arb.canShrinkWithoutContext(value);
  }
  shrink(value, context2) {
    return this.arb.shrink(value, context2);
  }
};
function noBias(arb) {
  if (stableObjectGetPrototypeOf$1(arb) === NoBiasArbitrary.prototype && arb.generate === NoBiasArbitrary.prototype.generate && arb.canShrinkWithoutContext === NoBiasArbitrary.prototype.canShrinkWithoutContext && arb.shrink === NoBiasArbitrary.prototype.shrink) return arb;
  return new NoBiasArbitrary(arb);
}
function booleanMapper(v) {
  return v === 1;
}
function booleanUnmapper(v) {
  if (typeof v !== "boolean") throw new Error("Unsupported input type");
  return v === true ? 1 : 0;
}
function boolean() {
  return noBias(integer({
    min: 0,
    max: 1
  }).map(booleanMapper, booleanUnmapper));
}
var safeObjectIs$5 = Object.is;
var FastConstantValuesLookup = class {
  constructor(values) {
    this.values = values;
    this.fastValues = new SSet(this.values);
    let hasMinusZero = false;
    let hasPlusZero = false;
    if (safeHas(this.fastValues, 0)) for (let idx = 0; idx !== this.values.length; ++idx) {
      const value = this.values[idx];
      hasMinusZero = hasMinusZero || safeObjectIs$5(value, -0);
      hasPlusZero = hasPlusZero || safeObjectIs$5(value, 0);
    }
    this.hasMinusZero = hasMinusZero;
    this.hasPlusZero = hasPlusZero;
  }
  has(value) {
    if (value === 0) {
      if (safeObjectIs$5(value, 0)) return this.hasPlusZero;
      return this.hasMinusZero;
    }
    return safeHas(this.fastValues, value);
  }
};
var ConstantArbitrary = class extends Arbitrary {
  constructor(values) {
    super();
    this.values = values;
  }
  generate(mrng, _biasFactor) {
    const idx = this.values.length === 1 ? 0 : mrng.nextInt(0, this.values.length - 1);
    const value = this.values[idx];
    if (!hasCloneMethod(value)) return new Value(value, idx);
    return new Value(value, idx, () => value[cloneMethod]());
  }
  canShrinkWithoutContext(value) {
    if (this.values.length === 1) return safeObjectIs$5(this.values[0], value);
    if (this.fastValues === void 0) this.fastValues = new FastConstantValuesLookup(this.values);
    return this.fastValues.has(value);
  }
  shrink(value, context2) {
    if (context2 === 0 || safeObjectIs$5(value, this.values[0])) return Stream.nil();
    return Stream.of(new Value(this.values[0], 0));
  }
};
function constantFrom(...values) {
  if (values.length === 0) throw new Error("fc.constantFrom expects at least one parameter");
  return new ConstantArbitrary(values);
}
function falsy(constraints) {
  if (!constraints || !constraints.withBigInt) return constantFrom(false, null, void 0, 0, "", NaN);
  return constantFrom(false, null, void 0, 0, "", NaN, SBigInt2(0));
}
function constant(value) {
  return new ConstantArbitrary([value]);
}
var ContextImplem = class ContextImplem2 {
  constructor() {
    this.receivedLogs = [];
  }
  log(data3) {
    this.receivedLogs.push(data3);
  }
  size() {
    return this.receivedLogs.length;
  }
  toString() {
    return JSON.stringify({ logs: this.receivedLogs });
  }
  [cloneMethod]() {
    return new ContextImplem2();
  }
};
function context() {
  return constant(new ContextImplem());
}
var safeNaN$2 = NaN;
var safeNumberIsNaN$4 = Number.isNaN;
function timeToDateMapper(time) {
  return new SDate(time);
}
function timeToDateUnmapper(value) {
  if (!(value instanceof SDate) || value.constructor !== SDate) throw new SError("Not a valid value for date unmapper");
  return safeGetTime(value);
}
function timeToDateMapperWithNaN(valueForNaN) {
  return (time) => {
    return time === valueForNaN ? new SDate(safeNaN$2) : timeToDateMapper(time);
  };
}
function timeToDateUnmapperWithNaN(valueForNaN) {
  return (value) => {
    const time = timeToDateUnmapper(value);
    return safeNumberIsNaN$4(time) ? valueForNaN : time;
  };
}
var safeNumberIsNaN$3 = Number.isNaN;
function date(constraints = {}) {
  const intMin = constraints.min !== void 0 ? safeGetTime(constraints.min) : -864e13;
  const intMax = constraints.max !== void 0 ? safeGetTime(constraints.max) : 864e13;
  const noInvalidDate = constraints.noInvalidDate;
  if (safeNumberIsNaN$3(intMin)) throw new Error("fc.date min must be valid instance of Date");
  if (safeNumberIsNaN$3(intMax)) throw new Error("fc.date max must be valid instance of Date");
  if (intMin > intMax) throw new Error("fc.date max must be greater or equal to min");
  if (noInvalidDate) return integer({
    min: intMin,
    max: intMax
  }).map(timeToDateMapper, timeToDateUnmapper);
  const valueForNaN = intMax + 1;
  return integer({
    min: intMin,
    max: intMax + 1
  }).map(timeToDateMapperWithNaN(valueForNaN), timeToDateUnmapperWithNaN(valueForNaN));
}
var ChainUntilArbitrary = class extends Arbitrary {
  constructor(startArb, chainer) {
    super();
    this.startArb = startArb;
    this.chainer = chainer;
  }
  generate(mrng, biasFactor) {
    const entries = [];
    const clonedMrng = mrng.clone();
    let current = this.startArb.generate(mrng, biasFactor);
    entries.push({
      arbitrary: this.startArb,
      value: current.value_,
      context: current.context,
      clonedMrng
    });
    while (true) {
      const nextArb = this.chainer(current.value_);
      if (nextArb === void 0) break;
      const nextClonedMrng = mrng.clone();
      current = nextArb.generate(mrng, biasFactor);
      entries.push({
        arbitrary: nextArb,
        value: current.value_,
        context: current.context,
        clonedMrng: nextClonedMrng
      });
    }
    const ctx = {
      biasFactor,
      entries,
      currentShrinkLevel: 0
    };
    return new Value(current.value_, ctx);
  }
  canShrinkWithoutContext(_value) {
    return false;
  }
  shrink(value, context2) {
    if (!this.isSafeContext(context2)) return Stream.nil();
    return new Stream(this.shrinkIterator(context2));
  }
  *shrinkIterator(context2) {
    const { entries, currentShrinkLevel, biasFactor } = context2;
    for (let level = currentShrinkLevel; level < entries.length; ++level) {
      const entry = entries[level];
      const shrinks = entry.arbitrary.shrink(entry.value, entry.context);
      for (const shrunkValue of shrinks) {
        const newEntries = entries.slice(0, level);
        newEntries.push({
          arbitrary: entry.arbitrary,
          value: shrunkValue.value_,
          context: shrunkValue.context,
          clonedMrng: entry.clonedMrng
        });
        let current = shrunkValue;
        const mrng = entry.clonedMrng.clone();
        while (true) {
          const nextArb = this.chainer(current.value_);
          if (nextArb === void 0) break;
          const nextClonedMrng = mrng.clone();
          const next = nextArb.generate(mrng, biasFactor);
          newEntries.push({
            arbitrary: nextArb,
            value: next.value_,
            context: next.context,
            clonedMrng: nextClonedMrng
          });
          current = next;
        }
        const lastEntry = newEntries[newEntries.length - 1];
        const newContext = {
          biasFactor,
          entries: newEntries,
          currentShrinkLevel: level
        };
        yield new Value(lastEntry.value, newContext);
      }
    }
  }
  isSafeContext(context2) {
    return context2 !== null && context2 !== void 0 && typeof context2 === "object" && "biasFactor" in context2 && "entries" in context2 && "currentShrinkLevel" in context2;
  }
};
function chainUntil(startArb, chainer) {
  return new ChainUntilArbitrary(startArb, chainer);
}
var safeSymbolIterator = Symbol.iterator;
var safeIsArray = Array.isArray;
var safeObjectIs$4 = Object.is;
var CloneArbitrary = class CloneArbitrary2 extends Arbitrary {
  constructor(arb, numValues) {
    super();
    this.arb = arb;
    this.numValues = numValues;
  }
  generate(mrng, biasFactor) {
    const items2 = [];
    if (this.numValues <= 0) return this.wrapper(items2);
    for (let idx = 0; idx !== this.numValues - 1; ++idx) safePush(items2, this.arb.generate(mrng.clone(), biasFactor));
    safePush(items2, this.arb.generate(mrng, biasFactor));
    return this.wrapper(items2);
  }
  canShrinkWithoutContext(value) {
    if (!safeIsArray(value) || value.length !== this.numValues) return false;
    if (value.length === 0) return true;
    for (let index = 1; index < value.length; ++index) if (!safeObjectIs$4(value[0], value[index])) return false;
    return this.arb.canShrinkWithoutContext(value[0]);
  }
  shrink(value, context2) {
    if (value.length === 0) return Stream.nil();
    return new Stream(this.shrinkImpl(value, context2 !== void 0 ? context2 : [])).map((v) => this.wrapper(v));
  }
  *shrinkImpl(value, contexts) {
    const its = safeMap(value, (v, idx) => this.arb.shrink(v, contexts[idx])[safeSymbolIterator]());
    let cur = safeMap(its, (it) => it.next());
    while (!cur[0].done) {
      yield safeMap(cur, (c) => c.value);
      cur = safeMap(its, (it) => it.next());
    }
  }
  static makeItCloneable(vs, shrinkables) {
    vs[cloneMethod] = () => {
      const cloned = [];
      for (let idx = 0; idx !== shrinkables.length; ++idx) safePush(cloned, shrinkables[idx].value);
      this.makeItCloneable(cloned, shrinkables);
      return cloned;
    };
    return vs;
  }
  wrapper(items2) {
    let cloneable = false;
    const vs = [];
    const contexts = [];
    for (let idx = 0; idx !== items2.length; ++idx) {
      const s = items2[idx];
      cloneable = cloneable || s.hasToBeCloned;
      safePush(vs, s.value);
      safePush(contexts, s.context);
    }
    if (cloneable) CloneArbitrary2.makeItCloneable(vs, items2);
    return new Value(vs, contexts);
  }
};
function clone(arb, numValues) {
  return new CloneArbitrary(arb, numValues);
}
var CustomEqualSet = class {
  constructor(isEqual) {
    this.isEqual = isEqual;
    this.data = [];
  }
  tryAdd(value) {
    for (let idx = 0; idx !== this.data.length; ++idx) if (this.isEqual(this.data[idx], value)) return false;
    safePush(this.data, value);
    return true;
  }
  size() {
    return this.data.length;
  }
  getData() {
    return this.data;
  }
};
var safeNumberIsNaN$2 = Number.isNaN;
var StrictlyEqualSet = class {
  constructor(selector) {
    this.selector = selector;
    this.selectedItemsExceptNaN = new SSet();
    this.data = [];
  }
  tryAdd(value) {
    const selected = this.selector(value);
    if (safeNumberIsNaN$2(selected)) {
      safePush(this.data, value);
      return true;
    }
    const sizeBefore = this.selectedItemsExceptNaN.size;
    safeAdd(this.selectedItemsExceptNaN, selected);
    if (sizeBefore !== this.selectedItemsExceptNaN.size) {
      safePush(this.data, value);
      return true;
    }
    return false;
  }
  size() {
    return this.data.length;
  }
  getData() {
    return this.data;
  }
};
var safeObjectIs$3 = Object.is;
var SameValueSet = class {
  constructor(selector) {
    this.selector = selector;
    this.selectedItemsExceptMinusZero = new SSet();
    this.data = [];
    this.hasMinusZero = false;
  }
  tryAdd(value) {
    const selected = this.selector(value);
    if (safeObjectIs$3(selected, -0)) {
      if (this.hasMinusZero) return false;
      safePush(this.data, value);
      this.hasMinusZero = true;
      return true;
    }
    const sizeBefore = this.selectedItemsExceptMinusZero.size;
    safeAdd(this.selectedItemsExceptMinusZero, selected);
    if (sizeBefore !== this.selectedItemsExceptMinusZero.size) {
      safePush(this.data, value);
      return true;
    }
    return false;
  }
  size() {
    return this.data.length;
  }
  getData() {
    return this.data;
  }
};
var SameValueZeroSet = class {
  constructor(selector) {
    this.selector = selector;
    this.selectedItems = new SSet();
    this.data = [];
  }
  tryAdd(value) {
    const selected = this.selector(value);
    const sizeBefore = this.selectedItems.size;
    safeAdd(this.selectedItems, selected);
    if (sizeBefore !== this.selectedItems.size) {
      safePush(this.data, value);
      return true;
    }
    return false;
  }
  size() {
    return this.data.length;
  }
  getData() {
    return this.data;
  }
};
function buildUniqueArraySetBuilder(constraints) {
  if (typeof constraints.comparator === "function") {
    if (constraints.selector === void 0) {
      const comparator2 = constraints.comparator;
      const isEqualForBuilder2 = (nextA, nextB) => comparator2(nextA.value_, nextB.value_);
      return () => new CustomEqualSet(isEqualForBuilder2);
    }
    const comparator = constraints.comparator;
    const selector2 = constraints.selector;
    const refinedSelector2 = (next) => selector2(next.value_);
    const isEqualForBuilder = (nextA, nextB) => comparator(refinedSelector2(nextA), refinedSelector2(nextB));
    return () => new CustomEqualSet(isEqualForBuilder);
  }
  const selector = constraints.selector || ((v) => v);
  const refinedSelector = (next) => selector(next.value_);
  switch (constraints.comparator) {
    case "IsStrictlyEqual":
      return () => new StrictlyEqualSet(refinedSelector);
    case "SameValueZero":
      return () => new SameValueZeroSet(refinedSelector);
    case "SameValue":
    case void 0:
      return () => new SameValueSet(refinedSelector);
  }
}
function uniqueArray(arb, constraints = {}) {
  const minLength = constraints.minLength !== void 0 ? constraints.minLength : 0;
  const maxLength = constraints.maxLength !== void 0 ? constraints.maxLength : MaxLengthUpperBound;
  const maxGeneratedLength = maxGeneratedLengthFromSizeForArbitrary(constraints.size, minLength, maxLength, constraints.maxLength !== void 0);
  const depthIdentifier = constraints.depthIdentifier;
  const arrayArb = new ArrayArbitrary(arb, minLength, maxGeneratedLength, maxLength, depthIdentifier, buildUniqueArraySetBuilder(constraints), []);
  if (minLength === 0) return arrayArb;
  return arrayArb.filter((tab) => tab.length >= minLength);
}
var safeObjectCreate$5 = Object.create;
var safeObjectDefineProperty$2 = Object.defineProperty;
var safeObjectGetOwnPropertyDescriptor$2 = Object.getOwnPropertyDescriptor;
var safeObjectGetPrototypeOf$1 = Object.getPrototypeOf;
var safeObjectPrototype$1 = Object.prototype;
var safeReflectOwnKeys = Reflect.ownKeys;
function keyValuePairsToObjectMapper(definition) {
  const obj = definition[1] ? safeObjectCreate$5(null) : {};
  const keyValues = definition[0];
  for (let idx = 0; idx !== keyValues.length; ++idx) {
    const key = keyValues[idx][0];
    if (key === "__proto__") safeObjectDefineProperty$2(obj, key, {
      enumerable: true,
      configurable: true,
      writable: true,
      value: keyValues[idx][1]
    });
    else obj[key] = keyValues[idx][1];
  }
  return obj;
}
function isValidPropertyNameFilter(descriptor) {
  return descriptor !== void 0 && !!descriptor.configurable && !!descriptor.enumerable && !!descriptor.writable && descriptor.get === void 0 && descriptor.set === void 0;
}
function keyValuePairsToObjectUnmapper(value) {
  if (typeof value !== "object" || value === null) throw new SError("Incompatible instance received: should be a non-null object");
  const hasNullPrototype = safeObjectGetPrototypeOf$1(value) === null;
  const hasObjectPrototype = safeObjectGetPrototypeOf$1(value) === safeObjectPrototype$1;
  if (!hasNullPrototype && !hasObjectPrototype) throw new SError("Incompatible instance received: should be of exact type Object");
  const propertyDescriptors = safeMap(safeReflectOwnKeys(value), (key) => [key, safeObjectGetOwnPropertyDescriptor$2(value, key)]);
  if (!safeEvery(propertyDescriptors, ([, descriptor]) => isValidPropertyNameFilter(descriptor))) throw new SError("Incompatible instance received: should contain only c/e/w properties without get/set");
  return [safeMap(propertyDescriptors, ([key, descriptor]) => [key, descriptor.value]), hasNullPrototype];
}
function dictionaryKeyExtractor(entry) {
  return entry[0];
}
function dictionary(keyArb, valueArb, constraints = {}) {
  const noNullPrototype = !!constraints.noNullPrototype;
  return tuple(uniqueArray(tuple(keyArb, valueArb), {
    minLength: constraints.minKeys,
    maxLength: constraints.maxKeys,
    size: constraints.size,
    selector: dictionaryKeyExtractor,
    depthIdentifier: constraints.depthIdentifier
  }), noNullPrototype ? constant(false) : boolean()).map(keyValuePairsToObjectMapper, keyValuePairsToObjectUnmapper);
}
var safePositiveInfinity$7 = Number.POSITIVE_INFINITY;
var safeMaxSafeInteger$2 = Number.MAX_SAFE_INTEGER;
var safeNumberIsInteger$4 = Number.isInteger;
var safeMathFloor$2 = Math.floor;
var safeMathPow = Math.pow;
var safeMathMin$3 = Math.min;
var FrequencyArbitrary = class FrequencyArbitrary2 extends Arbitrary {
  static from(warbs, constraints, label) {
    if (warbs.length === 0) throw new Error(`${label} expects at least one weighted arbitrary`);
    let totalWeight = 0;
    for (let idx = 0; idx !== warbs.length; ++idx) {
      if (warbs[idx].arbitrary === void 0) throw new Error(`${label} expects arbitraries to be specified`);
      const currentWeight = warbs[idx].weight;
      totalWeight += currentWeight;
      if (!safeNumberIsInteger$4(currentWeight)) throw new Error(`${label} expects weights to be integer values`);
      if (currentWeight < 0) throw new Error(`${label} expects weights to be superior or equal to 0`);
    }
    if (totalWeight <= 0) throw new Error(`${label} expects the sum of weights to be strictly superior to 0`);
    const sanitizedConstraints = {
      depthBias: depthBiasFromSizeForArbitrary(constraints.depthSize, constraints.maxDepth !== void 0),
      maxDepth: constraints.maxDepth !== void 0 ? constraints.maxDepth : safePositiveInfinity$7,
      withCrossShrink: !!constraints.withCrossShrink
    };
    return new FrequencyArbitrary2(warbs, sanitizedConstraints, getDepthContextFor(constraints.depthIdentifier));
  }
  constructor(warbs, constraints, context2) {
    super();
    this.warbs = warbs;
    this.constraints = constraints;
    this.context = context2;
    let currentWeight = 0;
    this.cumulatedWeights = [];
    for (let idx = 0; idx !== warbs.length; ++idx) {
      currentWeight += warbs[idx].weight;
      safePush(this.cumulatedWeights, currentWeight);
    }
    this.totalWeight = currentWeight;
  }
  generate(mrng, biasFactor) {
    if (this.mustGenerateFirst()) return this.safeGenerateForIndex(mrng, 0, biasFactor);
    const selected = mrng.nextInt(this.computeNegDepthBenefit(), this.totalWeight - 1);
    for (let idx = 0; idx !== this.cumulatedWeights.length; ++idx) if (selected < this.cumulatedWeights[idx]) return this.safeGenerateForIndex(mrng, idx, biasFactor);
    throw new Error(`Unable to generate from fc.frequency`);
  }
  canShrinkWithoutContext(value) {
    return this.canShrinkWithoutContextIndex(value) !== -1;
  }
  shrink(value, context2) {
    if (context2 !== void 0) {
      const safeContext = context2;
      const selectedIndex = safeContext.selectedIndex;
      const originalBias = safeContext.originalBias;
      const originalShrinks = this.warbs[selectedIndex].arbitrary.shrink(value, safeContext.originalContext).map((v) => this.mapIntoValue(selectedIndex, v, null, originalBias));
      if (safeContext.clonedMrngForFallbackFirst !== null) {
        if (safeContext.cachedGeneratedForFirst === void 0) safeContext.cachedGeneratedForFirst = this.safeGenerateForIndex(safeContext.clonedMrngForFallbackFirst, 0, originalBias);
        const valueFromFirst = safeContext.cachedGeneratedForFirst;
        return Stream.of(valueFromFirst).join(originalShrinks);
      }
      return originalShrinks;
    }
    const potentialSelectedIndex = this.canShrinkWithoutContextIndex(value);
    if (potentialSelectedIndex === -1) return Stream.nil();
    return this.defaultShrinkForFirst(potentialSelectedIndex).join(this.warbs[potentialSelectedIndex].arbitrary.shrink(value, void 0).map((v) => this.mapIntoValue(potentialSelectedIndex, v, null, void 0)));
  }
  /** Generate shrink values for first arbitrary when no context and no value was provided */
  defaultShrinkForFirst(selectedIndex) {
    ++this.context.depth;
    try {
      if (!this.mustFallbackToFirstInShrink(selectedIndex) || this.warbs[0].fallbackValue === void 0) return Stream.nil();
    } finally {
      --this.context.depth;
    }
    const rawShrinkValue = new Value(this.warbs[0].fallbackValue.default, void 0);
    return Stream.of(this.mapIntoValue(0, rawShrinkValue, null, void 0));
  }
  /** Extract the index of the generator that would have been able to gennrate the value */
  canShrinkWithoutContextIndex(value) {
    if (this.mustGenerateFirst()) return this.warbs[0].arbitrary.canShrinkWithoutContext(value) ? 0 : -1;
    try {
      ++this.context.depth;
      for (let idx = 0; idx !== this.warbs.length; ++idx) {
        const warb = this.warbs[idx];
        if (warb.weight !== 0 && warb.arbitrary.canShrinkWithoutContext(value)) return idx;
      }
      return -1;
    } finally {
      --this.context.depth;
    }
  }
  /** Map the output of one of the children with the context of frequency */
  mapIntoValue(idx, value, clonedMrngForFallbackFirst, biasFactor) {
    const context2 = {
      selectedIndex: idx,
      originalBias: biasFactor,
      originalContext: value.context,
      clonedMrngForFallbackFirst
    };
    return new Value(value.value, context2);
  }
  /** Generate using Arbitrary at index idx and safely handle depth context */
  safeGenerateForIndex(mrng, idx, biasFactor) {
    ++this.context.depth;
    try {
      const value = this.warbs[idx].arbitrary.generate(mrng, biasFactor);
      const clonedMrngForFallbackFirst = this.mustFallbackToFirstInShrink(idx) ? mrng.clone() : null;
      return this.mapIntoValue(idx, value, clonedMrngForFallbackFirst, biasFactor);
    } finally {
      --this.context.depth;
    }
  }
  /** Check if generating a value based on the first arbitrary is compulsory */
  mustGenerateFirst() {
    return this.constraints.maxDepth <= this.context.depth;
  }
  /** Check if fallback on first arbitrary during shrinking is required */
  mustFallbackToFirstInShrink(idx) {
    return idx !== 0 && this.constraints.withCrossShrink && this.warbs[0].weight !== 0;
  }
  /** Compute the benefit for the current depth */
  computeNegDepthBenefit() {
    const depthBias = this.constraints.depthBias;
    if (depthBias <= 0 || this.warbs[0].weight === 0) return 0;
    const depthBenefit = safeMathFloor$2(safeMathPow(1 + depthBias, this.context.depth)) - 1;
    return -safeMathMin$3(this.totalWeight * depthBenefit, safeMaxSafeInteger$2) || 0;
  }
};
function isOneOfContraints(param) {
  return param !== null && param !== void 0 && typeof param === "object" && !("generate" in param) && !("arbitrary" in param) && !("weight" in param);
}
function toWeightedArbitrary(maybeWeightedArbitrary) {
  if (isArbitrary(maybeWeightedArbitrary)) return {
    arbitrary: maybeWeightedArbitrary,
    weight: 1
  };
  return maybeWeightedArbitrary;
}
function oneof(...args) {
  const constraints = args[0];
  if (isOneOfContraints(constraints)) {
    const weightedArbs2 = safeMap(safeSlice(args, 1), toWeightedArbitrary);
    return FrequencyArbitrary.from(weightedArbs2, constraints, "fc.oneof");
  }
  const weightedArbs = safeMap(args, toWeightedArbitrary);
  return FrequencyArbitrary.from(weightedArbs, {}, "fc.oneof");
}
var safeNumberIsInteger$3 = Number.isInteger;
function nat(arg) {
  const max2 = typeof arg === "number" ? arg : arg && arg.max !== void 0 ? arg.max : 2147483647;
  if (max2 < 0) throw new Error("fc.nat value should be greater than or equal to 0");
  if (!safeNumberIsInteger$3(max2)) throw new Error("fc.nat maximum value should be an integer");
  return new IntegerArbitrary(0, max2);
}
var safeObjectIs$2 = Object.is;
function buildDichotomyEntries(entries) {
  let currentFrom = 0;
  const dichotomyEntries = [];
  for (const entry of entries) {
    const from = currentFrom;
    currentFrom = from + entry.num;
    const to = currentFrom - 1;
    dichotomyEntries.push({
      from,
      to,
      entry
    });
  }
  return dichotomyEntries;
}
function findDichotomyEntry(dichotomyEntries, choiceIndex) {
  let min2 = 0;
  let max2 = dichotomyEntries.length;
  while (max2 - min2 > 1) {
    const mid = ~~((min2 + max2) / 2);
    if (choiceIndex < dichotomyEntries[mid].from) max2 = mid;
    else min2 = mid;
  }
  return dichotomyEntries[min2];
}
function indexToMappedConstantMapperFor(entries) {
  const dichotomyEntries = buildDichotomyEntries(entries);
  return function indexToMappedConstantMapper(choiceIndex) {
    const dichotomyEntry = findDichotomyEntry(dichotomyEntries, choiceIndex);
    return dichotomyEntry.entry.build(choiceIndex - dichotomyEntry.from);
  };
}
function buildReverseMapping(entries) {
  const reverseMapping = {
    mapping: new SMap$2(),
    negativeZeroIndex: void 0
  };
  let choiceIndex = 0;
  for (let entryIdx = 0; entryIdx !== entries.length; ++entryIdx) {
    const entry = entries[entryIdx];
    for (let idxInEntry = 0; idxInEntry !== entry.num; ++idxInEntry) {
      const value = entry.build(idxInEntry);
      if (value === 0 && 1 / value === SNumber.NEGATIVE_INFINITY) reverseMapping.negativeZeroIndex = choiceIndex;
      else safeMapSet(reverseMapping.mapping, value, choiceIndex);
      ++choiceIndex;
    }
  }
  return reverseMapping;
}
function indexToMappedConstantUnmapperFor(entries) {
  let reverseMapping = null;
  return function indexToMappedConstantUnmapper(value) {
    if (reverseMapping === null) reverseMapping = buildReverseMapping(entries);
    const choiceIndex = safeObjectIs$2(value, -0) ? reverseMapping.negativeZeroIndex : safeMapGet(reverseMapping.mapping, value);
    if (choiceIndex === void 0) throw new SError("Unknown value encountered cannot be built using this mapToConstant");
    return choiceIndex;
  };
}
function computeNumChoices(options) {
  if (options.length === 0) throw new SError(`fc.mapToConstant expects at least one option`);
  let numChoices = 0;
  for (let idx = 0; idx !== options.length; ++idx) {
    if (options[idx].num < 0) throw new SError(`fc.mapToConstant expects all options to have a number of entries greater or equal to zero`);
    numChoices += options[idx].num;
  }
  if (numChoices === 0) throw new SError(`fc.mapToConstant expects at least one choice among options`);
  return numChoices;
}
function mapToConstant(...entries) {
  return nat({ max: computeNumChoices(entries) - 1 }).map(indexToMappedConstantMapperFor(entries), indexToMappedConstantUnmapperFor(entries));
}
function tokenizeString(patternsArb, value, minLength, maxLength) {
  if (value.length === 0) {
    if (minLength > 0) return;
    return [];
  }
  if (maxLength <= 0) return;
  const stack2 = [{
    endIndexChunks: 0,
    nextStartIndex: 1,
    chunks: []
  }];
  while (stack2.length > 0) {
    const last = safePop$1(stack2);
    for (let index = last.nextStartIndex; index <= value.length; ++index) {
      const chunk = safeSubstring(value, last.endIndexChunks, index);
      if (patternsArb.canShrinkWithoutContext(chunk)) {
        const newChunks = [...last.chunks, chunk];
        if (index === value.length) {
          if (newChunks.length < minLength) break;
          return newChunks;
        }
        safePush(stack2, {
          endIndexChunks: last.endIndexChunks,
          nextStartIndex: index + 1,
          chunks: last.chunks
        });
        if (newChunks.length < maxLength) safePush(stack2, {
          endIndexChunks: index,
          nextStartIndex: index + 1,
          chunks: newChunks
        });
        break;
      }
    }
  }
}
function patternsToStringMapper(tab) {
  return safeJoin(tab, "");
}
function minLengthFrom(constraints) {
  return constraints.minLength !== void 0 ? constraints.minLength : 0;
}
function maxLengthFrom(constraints) {
  return constraints.maxLength !== void 0 ? constraints.maxLength : MaxLengthUpperBound;
}
function patternsToStringUnmapperIsValidLength(tokens, constraints) {
  return minLengthFrom(constraints) <= tokens.length && tokens.length <= maxLengthFrom(constraints);
}
function patternsToStringUnmapperFor(patternsArb, constraints) {
  return function patternsToStringUnmapper(value) {
    if (typeof value !== "string") throw new SError("Unsupported value");
    const tokens = tokenizeString(patternsArb, value, minLengthFrom(constraints), maxLengthFrom(constraints));
    if (tokens === void 0) throw new SError("Unable to unmap received string");
    return tokens;
  };
}
var dangerousStrings = [
  "__defineGetter__",
  "__defineSetter__",
  "__lookupGetter__",
  "__lookupSetter__",
  "__proto__",
  "constructor",
  "hasOwnProperty",
  "isPrototypeOf",
  "propertyIsEnumerable",
  "toLocaleString",
  "toString",
  "valueOf",
  "apply",
  "arguments",
  "bind",
  "call",
  "caller",
  "length",
  "name",
  "prototype",
  "key",
  "ref"
];
function computeCandidateStringLegacy(dangerous, charArbitrary, stringSplitter) {
  let candidate;
  try {
    candidate = stringSplitter(dangerous);
  } catch {
    return;
  }
  for (const entry of candidate) if (!charArbitrary.canShrinkWithoutContext(entry)) return;
  return candidate;
}
function createSlicesForStringLegacy(charArbitrary, stringSplitter) {
  const slicesForString = [];
  for (const dangerous of dangerousStrings) {
    const candidate = computeCandidateStringLegacy(dangerous, charArbitrary, stringSplitter);
    if (candidate !== void 0) safePush(slicesForString, candidate);
  }
  return slicesForString;
}
var slicesPerArbitrary = /* @__PURE__ */ new WeakMap();
function createSlicesForStringNoConstraints(charArbitrary) {
  const slicesForString = [];
  for (const dangerous of dangerousStrings) {
    const candidate = tokenizeString(charArbitrary, dangerous, 0, MaxLengthUpperBound);
    if (candidate !== void 0) safePush(slicesForString, candidate);
  }
  return slicesForString;
}
function createSlicesForString(charArbitrary, constraints) {
  let slices = safeGet(slicesPerArbitrary, charArbitrary);
  if (slices === void 0) {
    slices = createSlicesForStringNoConstraints(charArbitrary);
    safeSet(slicesPerArbitrary, charArbitrary, slices);
  }
  const slicesForConstraints = [];
  for (const slice of slices) if (patternsToStringUnmapperIsValidLength(slice, constraints)) safePush(slicesForConstraints, slice);
  return slicesForConstraints;
}
var asciiAlphabetRanges = [[0, 127]];
var fullAlphabetRanges = [[0, 55295], [57344, 1114111]];
var autonomousGraphemeRanges = [
  [32, 126],
  [160, 172],
  [174, 767],
  [880, 887],
  [890, 895],
  [900, 906],
  [908],
  [910, 929],
  [931, 1154],
  [1162, 1327],
  [1329, 1366],
  [1369, 1418],
  [1421, 1423],
  [1470],
  [1472],
  [1475],
  [1478],
  [1488, 1514],
  [1519, 1524],
  [1542, 1551],
  [1563],
  [1565, 1610],
  [1632, 1647],
  [1649, 1749],
  [1758],
  [1765, 1766],
  [1769],
  [1774, 1805],
  [1808],
  [1810, 1839],
  [1869, 1957],
  [1969],
  [1984, 2026],
  [2036, 2042],
  [2046, 2069],
  [2074],
  [2084],
  [2088],
  [2096, 2110],
  [2112, 2136],
  [2142],
  [2144, 2154],
  [2160, 2190],
  [2208, 2249],
  [2308, 2361],
  [2365],
  [2384],
  [2392, 2401],
  [2404, 2432],
  [2437, 2444],
  [2447, 2448],
  [2451, 2472],
  [2474, 2480],
  [2482],
  [2486, 2489],
  [2493],
  [2510],
  [2524, 2525],
  [2527, 2529],
  [2534, 2557],
  [2565, 2570],
  [2575, 2576],
  [2579, 2600],
  [2602, 2608],
  [2610, 2611],
  [2613, 2614],
  [2616, 2617],
  [2649, 2652],
  [2654],
  [2662, 2671],
  [2674, 2676],
  [2678],
  [2693, 2701],
  [2703, 2705],
  [2707, 2728],
  [2730, 2736],
  [2738, 2739],
  [2741, 2745],
  [2749],
  [2768],
  [2784, 2785],
  [2790, 2801],
  [2809],
  [2821, 2828],
  [2831, 2832],
  [2835, 2856],
  [2858, 2864],
  [2866, 2867],
  [2869, 2873],
  [2877],
  [2908, 2909],
  [2911, 2913],
  [2918, 2935],
  [2947],
  [2949, 2954],
  [2958, 2960],
  [2962, 2965],
  [2969, 2970],
  [2972],
  [2974, 2975],
  [2979, 2980],
  [2984, 2986],
  [2990, 3001],
  [3024],
  [3046, 3066],
  [3077, 3084],
  [3086, 3088],
  [3090, 3112],
  [3114, 3129],
  [3133],
  [3160, 3162],
  [3165],
  [3168, 3169],
  [3174, 3183],
  [3191, 3200],
  [3204, 3212],
  [3214, 3216],
  [3218, 3240],
  [3242, 3251],
  [3253, 3257],
  [3261],
  [3293, 3294],
  [3296, 3297],
  [3302, 3311],
  [3313, 3314],
  [3332, 3340],
  [3342, 3344],
  [3346, 3386],
  [3389],
  [3407],
  [3412, 3414],
  [3416, 3425],
  [3430, 3455],
  [3461, 3478],
  [3482, 3505],
  [3507, 3515],
  [3517],
  [3520, 3526],
  [3558, 3567],
  [3572],
  [3585, 3632],
  [3634],
  [3647, 3654],
  [3663, 3675],
  [3713, 3714],
  [3716],
  [3718, 3722],
  [3724, 3747],
  [3749],
  [3751, 3760],
  [3762],
  [3773],
  [3776, 3780],
  [3782],
  [3792, 3801],
  [3804, 3807],
  [3840, 3863],
  [3866, 3892],
  [3894],
  [3896],
  [3898, 3901],
  [3904, 3911],
  [3913, 3948],
  [3973],
  [3976, 3980],
  [4030, 4037],
  [4039, 4044],
  [4046, 4058],
  [4096, 4138],
  [4159, 4181],
  [4186, 4189],
  [4193],
  [4197, 4198],
  [4206, 4208],
  [4213, 4225],
  [4238],
  [4240, 4249],
  [4254, 4293],
  [4295],
  [4301],
  [4304, 4351],
  [4608, 4680],
  [4682, 4685],
  [4688, 4694],
  [4696],
  [4698, 4701],
  [4704, 4744],
  [4746, 4749],
  [4752, 4784],
  [4786, 4789],
  [4792, 4798],
  [4800],
  [4802, 4805],
  [4808, 4822],
  [4824, 4880],
  [4882, 4885],
  [4888, 4954],
  [4960, 4988],
  [4992, 5017],
  [5024, 5109],
  [5112, 5117],
  [5120, 5788],
  [5792, 5880],
  [5888, 5905],
  [5919, 5937],
  [5941, 5942],
  [5952, 5969],
  [5984, 5996],
  [5998, 6e3],
  [6016, 6067],
  [6100, 6108],
  [6112, 6121],
  [6128, 6137],
  [6144, 6154],
  [6160, 6169],
  [6176, 6264],
  [6272, 6276],
  [6279, 6312],
  [6314],
  [6320, 6389],
  [6400, 6430],
  [6464],
  [6468, 6509],
  [6512, 6516],
  [6528, 6571],
  [6576, 6601],
  [6608, 6618],
  [6622, 6678],
  [6686, 6740],
  [6784, 6793],
  [6800, 6809],
  [6816, 6829],
  [6917, 6963],
  [6981, 6988],
  [6992, 7018],
  [7028, 7038],
  [7043, 7072],
  [7086, 7141],
  [7164, 7203],
  [7227, 7241],
  [7245, 7304],
  [7312, 7354],
  [7357, 7367],
  [7379],
  [7401, 7404],
  [7406, 7411],
  [7413, 7414],
  [7418],
  [7424, 7615],
  [7680, 7957],
  [7960, 7965],
  [7968, 8005],
  [8008, 8013],
  [8016, 8023],
  [8025],
  [8027],
  [8029],
  [8031, 8061],
  [8064, 8116],
  [8118, 8132],
  [8134, 8147],
  [8150, 8155],
  [8157, 8175],
  [8178, 8180],
  [8182, 8190],
  [8192, 8202],
  [8208, 8233],
  [8239, 8287],
  [8304, 8305],
  [8308, 8334],
  [8336, 8348],
  [8352, 8384],
  [8448, 8587],
  [8592, 9254],
  [9280, 9290],
  [9312, 11123],
  [11126, 11157],
  [11159, 11502],
  [11506, 11507],
  [11513, 11557],
  [11559],
  [11565],
  [11568, 11623],
  [11631, 11632],
  [11648, 11670],
  [11680, 11686],
  [11688, 11694],
  [11696, 11702],
  [11704, 11710],
  [11712, 11718],
  [11720, 11726],
  [11728, 11734],
  [11736, 11742],
  [11776, 11869],
  [11904, 11929],
  [11931, 12019],
  [12032, 12245],
  [12272, 12329],
  [12336, 12351],
  [12353, 12438],
  [12443, 12543],
  [12549, 12591],
  [12593, 12686],
  [12688, 12771],
  [12783, 12830],
  [12832, 13312],
  [19903, 19968],
  [40959, 42124],
  [42128, 42182],
  [42192, 42539],
  [42560, 42606],
  [42611],
  [42622, 42653],
  [42656, 42735],
  [42738, 42743],
  [42752, 42954],
  [42960, 42961],
  [42963],
  [42965, 42969],
  [42994, 43009],
  [43011, 43013],
  [43015, 43018],
  [43020, 43042],
  [43048, 43051],
  [43056, 43065],
  [43072, 43127],
  [43138, 43187],
  [43214, 43225],
  [43250, 43262],
  [43264, 43301],
  [43310, 43334],
  [43359],
  [43396, 43442],
  [43457, 43469],
  [43471, 43481],
  [43486, 43492],
  [43494, 43518],
  [43520, 43560],
  [43584, 43586],
  [43588, 43595],
  [43600, 43609],
  [43612, 43642],
  [43646, 43695],
  [43697],
  [43701, 43702],
  [43705, 43709],
  [43712],
  [43714],
  [43739, 43754],
  [43760, 43764],
  [43777, 43782],
  [43785, 43790],
  [43793, 43798],
  [43808, 43814],
  [43816, 43822],
  [43824, 43883],
  [43888, 44002],
  [44011],
  [44016, 44025],
  [44032],
  [55203],
  [63744, 64109],
  [64112, 64217],
  [64256, 64262],
  [64275, 64279],
  [64285],
  [64287, 64310],
  [64312, 64316],
  [64318],
  [64320, 64321],
  [64323, 64324],
  [64326, 64450],
  [64467, 64911],
  [64914, 64967],
  [64975],
  [65008, 65023],
  [65040, 65049],
  [65072, 65106],
  [65108, 65126],
  [65128, 65131],
  [65136, 65140],
  [65142, 65276],
  [65281, 65437],
  [65440, 65470],
  [65474, 65479],
  [65482, 65487],
  [65490, 65495],
  [65498, 65500],
  [65504, 65510],
  [65512, 65518],
  [65532, 65533],
  [65536, 65547],
  [65549, 65574],
  [65576, 65594],
  [65596, 65597],
  [65599, 65613],
  [65616, 65629],
  [65664, 65786],
  [65792, 65794],
  [65799, 65843],
  [65847, 65934],
  [65936, 65948],
  [65952],
  [66e3, 66044],
  [66176, 66204],
  [66208, 66256],
  [66273, 66299],
  [66304, 66339],
  [66349, 66378],
  [66384, 66421],
  [66432, 66461],
  [66463, 66499],
  [66504, 66517],
  [66560, 66717],
  [66720, 66729],
  [66736, 66771],
  [66776, 66811],
  [66816, 66855],
  [66864, 66915],
  [66927, 66938],
  [66940, 66954],
  [66956, 66962],
  [66964, 66965],
  [66967, 66977],
  [66979, 66993],
  [66995, 67001],
  [67003, 67004],
  [67072, 67382],
  [67392, 67413],
  [67424, 67431],
  [67456, 67461],
  [67463, 67504],
  [67506, 67514],
  [67584, 67589],
  [67592],
  [67594, 67637],
  [67639, 67640],
  [67644],
  [67647, 67669],
  [67671, 67742],
  [67751, 67759],
  [67808, 67826],
  [67828, 67829],
  [67835, 67867],
  [67871, 67897],
  [67903],
  [67968, 68023],
  [68028, 68047],
  [68050, 68096],
  [68112, 68115],
  [68117, 68119],
  [68121, 68149],
  [68160, 68168],
  [68176, 68184],
  [68192, 68255],
  [68288, 68324],
  [68331, 68342],
  [68352, 68405],
  [68409, 68437],
  [68440, 68466],
  [68472, 68497],
  [68505, 68508],
  [68521, 68527],
  [68608, 68680],
  [68736, 68786],
  [68800, 68850],
  [68858, 68899],
  [68912, 68921],
  [69216, 69246],
  [69248, 69289],
  [69293],
  [69296, 69297],
  [69376, 69415],
  [69424, 69445],
  [69457, 69465],
  [69488, 69505],
  [69510, 69513],
  [69552, 69579],
  [69600, 69622],
  [69635, 69687],
  [69703, 69709],
  [69714, 69743],
  [69745, 69746],
  [69749],
  [69763, 69807],
  [69819, 69820],
  [69822, 69825],
  [69840, 69864],
  [69872, 69881],
  [69891, 69926],
  [69942, 69956],
  [69959],
  [69968, 70002],
  [70004, 70006],
  [70019, 70066],
  [70081],
  [70084, 70088],
  [70093],
  [70096, 70111],
  [70113, 70132],
  [70144, 70161],
  [70163, 70187],
  [70200, 70205],
  [70207, 70208],
  [70272, 70278],
  [70280],
  [70282, 70285],
  [70287, 70301],
  [70303, 70313],
  [70320, 70366],
  [70384, 70393],
  [70405, 70412],
  [70415, 70416],
  [70419, 70440],
  [70442, 70448],
  [70450, 70451],
  [70453, 70457],
  [70461],
  [70480],
  [70493, 70497],
  [70656, 70708],
  [70727, 70747],
  [70749],
  [70751, 70753],
  [70784, 70831],
  [70852, 70855],
  [70864, 70873],
  [71040, 71086],
  [71105, 71131],
  [71168, 71215],
  [71233, 71236],
  [71248, 71257],
  [71264, 71276],
  [71296, 71338],
  [71352, 71353],
  [71360, 71369],
  [71424, 71450],
  [71472, 71494],
  [71680, 71723],
  [71739],
  [71840, 71922],
  [71935, 71942],
  [71945],
  [71948, 71955],
  [71957, 71958],
  [71960, 71983],
  [72004, 72006],
  [72016, 72025],
  [72096, 72103],
  [72106, 72144],
  [72161, 72163],
  [72192],
  [72203, 72242],
  [72255, 72262],
  [72272],
  [72284, 72323],
  [72346, 72354],
  [72368, 72440],
  [72448, 72457],
  [72704, 72712],
  [72714, 72750],
  [72768, 72773],
  [72784, 72812],
  [72816, 72847],
  [72960, 72966],
  [72968, 72969],
  [72971, 73008],
  [73040, 73049],
  [73056, 73061],
  [73063, 73064],
  [73066, 73097],
  [73112],
  [73120, 73129],
  [73440, 73458],
  [73463, 73464],
  [73476, 73488],
  [73490, 73523],
  [73539, 73561],
  [73648],
  [73664, 73713],
  [73727, 74649],
  [74752, 74862],
  [74864, 74868],
  [74880, 75075],
  [77712, 77810],
  [77824, 78895],
  [78913, 78918],
  [82944, 83526],
  [92160, 92728],
  [92736, 92766],
  [92768, 92777],
  [92782, 92862],
  [92864, 92873],
  [92880, 92909],
  [92917],
  [92928, 92975],
  [92983, 92997],
  [93008, 93017],
  [93019, 93025],
  [93027, 93047],
  [93053, 93071],
  [93760, 93850],
  [93952, 94026],
  [94032],
  [94099, 94111],
  [94176, 94179],
  [94208],
  [100343],
  [100352, 101589],
  [101632],
  [101640],
  [110576, 110579],
  [110581, 110587],
  [110589, 110590],
  [110592, 110882],
  [110898],
  [110928, 110930],
  [110933],
  [110948, 110951],
  [110960, 111355],
  [113664, 113770],
  [113776, 113788],
  [113792, 113800],
  [113808, 113817],
  [113820],
  [113823],
  [118608, 118723],
  [118784, 119029],
  [119040, 119078],
  [119081, 119140],
  [119146, 119148],
  [119171, 119172],
  [119180, 119209],
  [119214, 119274],
  [119296, 119361],
  [119365],
  [119488, 119507],
  [119520, 119539],
  [119552, 119638],
  [119648, 119672],
  [119808, 119892],
  [119894, 119964],
  [119966, 119967],
  [119970],
  [119973, 119974],
  [119977, 119980],
  [119982, 119993],
  [119995],
  [119997, 120003],
  [120005, 120069],
  [120071, 120074],
  [120077, 120084],
  [120086, 120092],
  [120094, 120121],
  [120123, 120126],
  [120128, 120132],
  [120134],
  [120138, 120144],
  [120146, 120485],
  [120488, 120779],
  [120782, 121343],
  [121399, 121402],
  [121453, 121460],
  [121462, 121475],
  [121477, 121483],
  [122624, 122654],
  [122661, 122666],
  [122928, 122989],
  [123136, 123180],
  [123191, 123197],
  [123200, 123209],
  [123214, 123215],
  [123536, 123565],
  [123584, 123627],
  [123632, 123641],
  [123647],
  [124112, 124139],
  [124144, 124153],
  [124896, 124902],
  [124904, 124907],
  [124909, 124910],
  [124912, 124926],
  [124928, 125124],
  [125127, 125135],
  [125184, 125251],
  [125259],
  [125264, 125273],
  [125278, 125279],
  [126065, 126132],
  [126209, 126269],
  [126464, 126467],
  [126469, 126495],
  [126497, 126498],
  [126500],
  [126503],
  [126505, 126514],
  [126516, 126519],
  [126521],
  [126523],
  [126530],
  [126535],
  [126537],
  [126539],
  [126541, 126543],
  [126545, 126546],
  [126548],
  [126551],
  [126553],
  [126555],
  [126557],
  [126559],
  [126561, 126562],
  [126564],
  [126567, 126570],
  [126572, 126578],
  [126580, 126583],
  [126585, 126588],
  [126590],
  [126592, 126601],
  [126603, 126619],
  [126625, 126627],
  [126629, 126633],
  [126635, 126651],
  [126704, 126705],
  [126976, 127019],
  [127024, 127123],
  [127136, 127150],
  [127153, 127167],
  [127169, 127183],
  [127185, 127221],
  [127232, 127405],
  [127488, 127490],
  [127504, 127547],
  [127552, 127560],
  [127568, 127569],
  [127584, 127589],
  [127744, 127994],
  [128e3, 128727],
  [128732, 128748],
  [128752, 128764],
  [128768, 128886],
  [128891, 128985],
  [128992, 129003],
  [129008],
  [129024, 129035],
  [129040, 129095],
  [129104, 129113],
  [129120, 129159],
  [129168, 129197],
  [129200, 129201],
  [129280, 129619],
  [129632, 129645],
  [129648, 129660],
  [129664, 129672],
  [129680, 129725],
  [129727, 129733],
  [129742, 129755],
  [129760, 129768],
  [129776, 129784],
  [129792, 129938],
  [129940, 129994],
  [130032, 130041],
  [131072],
  [173791],
  [173824],
  [177977],
  [177984],
  [178205],
  [178208],
  [183969],
  [183984],
  [191456],
  [191472],
  [192093],
  [194560, 195101],
  [196608],
  [201546],
  [201552],
  [205743]
];
var autonomousDecomposableGraphemeRanges = [
  [192, 197],
  [199, 207],
  [209, 214],
  [217, 221],
  [224, 229],
  [231, 239],
  [241, 246],
  [249, 253],
  [255, 271],
  [274, 293],
  [296, 304],
  [308, 311],
  [313, 318],
  [323, 328],
  [332, 337],
  [340, 357],
  [360, 382],
  [416, 417],
  [431, 432],
  [461, 476],
  [478, 483],
  [486, 496],
  [500, 501],
  [504, 539],
  [542, 543],
  [550, 563],
  [901, 902],
  [904, 906],
  [908],
  [910, 912],
  [938, 944],
  [970, 974],
  [979, 980],
  [1024, 1025],
  [1027],
  [1031],
  [1036, 1038],
  [1049],
  [1081],
  [1104, 1105],
  [1107],
  [1111],
  [1116, 1118],
  [1142, 1143],
  [1217, 1218],
  [1232, 1235],
  [1238, 1239],
  [1242, 1247],
  [1250, 1255],
  [1258, 1269],
  [1272, 1273],
  [1570, 1574],
  [1728],
  [1730],
  [1747],
  [2345],
  [2353],
  [2356],
  [2392, 2399],
  [2524, 2525],
  [2527],
  [2611],
  [2614],
  [2649, 2651],
  [2654],
  [2908, 2909],
  [2964],
  [3907],
  [3917],
  [3922],
  [3927],
  [3932],
  [3945],
  [4134],
  [6918],
  [6920],
  [6922],
  [6924],
  [6926],
  [6930],
  [7680, 7833],
  [7835],
  [7840, 7929],
  [7936, 7957],
  [7960, 7965],
  [7968, 8005],
  [8008, 8013],
  [8016, 8023],
  [8025],
  [8027],
  [8029],
  [8031, 8048],
  [8050],
  [8052],
  [8054],
  [8056],
  [8058],
  [8060],
  [8064, 8116],
  [8118, 8122],
  [8124],
  [8129, 8132],
  [8134, 8136],
  [8138],
  [8140, 8146],
  [8150, 8154],
  [8157, 8162],
  [8164, 8170],
  [8172, 8173],
  [8178, 8180],
  [8182, 8184],
  [8186],
  [8188],
  [8602, 8603],
  [8622],
  [8653, 8655],
  [8708],
  [8713],
  [8716],
  [8740],
  [8742],
  [8769],
  [8772],
  [8775],
  [8777],
  [8800],
  [8802],
  [8813, 8817],
  [8820, 8821],
  [8824, 8825],
  [8832, 8833],
  [8836, 8837],
  [8840, 8841],
  [8876, 8879],
  [8928, 8931],
  [8938, 8941],
  [10972],
  [12364],
  [12366],
  [12368],
  [12370],
  [12372],
  [12374],
  [12376],
  [12378],
  [12380],
  [12382],
  [12384],
  [12386],
  [12389],
  [12391],
  [12393],
  [12400, 12401],
  [12403, 12404],
  [12406, 12407],
  [12409, 12410],
  [12412, 12413],
  [12436],
  [12446],
  [12460],
  [12462],
  [12464],
  [12466],
  [12468],
  [12470],
  [12472],
  [12474],
  [12476],
  [12478],
  [12480],
  [12482],
  [12485],
  [12487],
  [12489],
  [12496, 12497],
  [12499, 12500],
  [12502, 12503],
  [12505, 12506],
  [12508, 12509],
  [12532],
  [12535, 12538],
  [12542],
  [44032],
  [55203],
  [64285],
  [64287],
  [64298, 64310],
  [64312, 64316],
  [64318],
  [64320, 64321],
  [64323, 64324],
  [64326, 64334],
  [69786],
  [69788],
  [69803],
  [119134, 119140],
  [119227, 119232]
];
var safeStringFromCodePoint$3 = String.fromCodePoint;
var safeMathMin$2 = Math.min;
var safeMathMax$1 = Math.max;
function convertGraphemeRangeToMapToConstantEntry(range) {
  if (range.length === 1) {
    const codePointString = safeStringFromCodePoint$3(range[0]);
    return {
      num: 1,
      build: () => codePointString
    };
  }
  const rangeStart = range[0];
  return {
    num: range[1] - range[0] + 1,
    build: (idInGroup) => safeStringFromCodePoint$3(rangeStart + idInGroup)
  };
}
function intersectGraphemeRanges(rangesA, rangesB) {
  const mergedRanges = [];
  let cursorA = 0;
  let cursorB = 0;
  while (cursorA < rangesA.length && cursorB < rangesB.length) {
    const rangeA = rangesA[cursorA];
    const rangeAMin = rangeA[0];
    const rangeAMax = rangeA.length === 1 ? rangeA[0] : rangeA[1];
    const rangeB = rangesB[cursorB];
    const rangeBMin = rangeB[0];
    const rangeBMax = rangeB.length === 1 ? rangeB[0] : rangeB[1];
    if (rangeAMax < rangeBMin) cursorA += 1;
    else if (rangeBMax < rangeAMin) cursorB += 1;
    else {
      let min2 = safeMathMax$1(rangeAMin, rangeBMin);
      const max2 = safeMathMin$2(rangeAMax, rangeBMax);
      if (mergedRanges.length >= 1) {
        const lastMergedRange = mergedRanges[mergedRanges.length - 1];
        if ((lastMergedRange.length === 1 ? lastMergedRange[0] : lastMergedRange[1]) + 1 === min2) {
          min2 = lastMergedRange[0];
          safePop$1(mergedRanges);
        }
      }
      safePush(mergedRanges, min2 === max2 ? [min2] : [min2, max2]);
      if (rangeAMax <= max2) cursorA += 1;
      if (rangeBMax <= max2) cursorB += 1;
    }
  }
  return mergedRanges;
}
var registeredStringUnitInstancesMap = /* @__PURE__ */ Object.create(null);
function getAlphabetRanges(alphabet) {
  switch (alphabet) {
    case "full":
      return fullAlphabetRanges;
    case "ascii":
      return asciiAlphabetRanges;
  }
}
function getOrCreateStringUnitInstance(type, alphabet) {
  const key = `${type}:${alphabet}`;
  const registered = registeredStringUnitInstancesMap[key];
  if (registered !== void 0) return registered;
  const alphabetRanges = getAlphabetRanges(alphabet);
  const ranges = type === "binary" ? alphabetRanges : intersectGraphemeRanges(alphabetRanges, autonomousGraphemeRanges);
  const entries = [];
  for (const range of ranges) safePush(entries, convertGraphemeRangeToMapToConstantEntry(range));
  if (type === "grapheme") {
    const decomposedRanges = intersectGraphemeRanges(alphabetRanges, autonomousDecomposableGraphemeRanges);
    for (const range of decomposedRanges) {
      const rawEntry = convertGraphemeRangeToMapToConstantEntry(range);
      safePush(entries, {
        num: rawEntry.num,
        build: (idInGroup) => safeNormalize(rawEntry.build(idInGroup), "NFD")
      });
    }
  }
  const stringUnitInstance = mapToConstant(...entries);
  registeredStringUnitInstancesMap[key] = stringUnitInstance;
  return stringUnitInstance;
}
function stringUnit(type, alphabet) {
  return getOrCreateStringUnitInstance(type, alphabet);
}
function extractUnitArbitrary(constraints) {
  if (typeof constraints.unit === "object") return constraints.unit;
  switch (constraints.unit) {
    case "grapheme":
      return stringUnit("grapheme", "full");
    case "grapheme-composite":
      return stringUnit("composite", "full");
    case "grapheme-ascii":
    case void 0:
      return stringUnit("grapheme", "ascii");
    case "binary":
      return stringUnit("binary", "full");
    case "binary-ascii":
      return stringUnit("binary", "ascii");
  }
}
function string(constraints = {}) {
  const charArbitrary = extractUnitArbitrary(constraints);
  const unmapper = patternsToStringUnmapperFor(charArbitrary, constraints);
  const experimentalCustomSlices = createSlicesForString(charArbitrary, constraints);
  return array(charArbitrary, {
    ...constraints,
    experimentalCustomSlices
  }).map(patternsToStringMapper, unmapper);
}
var SMap = Map;
var safeStringFromCharCode$1 = String.fromCharCode;
var lowerCaseMapper = {
  num: 26,
  build: (v) => safeStringFromCharCode$1(v + 97)
};
var upperCaseMapper = {
  num: 26,
  build: (v) => safeStringFromCharCode$1(v + 65)
};
var numericMapper = {
  num: 10,
  build: (v) => safeStringFromCharCode$1(v + 48)
};
function percentCharArbMapper(c) {
  const encoded = SencodeURIComponent(c);
  return c !== encoded ? encoded : `%${safeNumberToString(safeCharCodeAt(c, 0), 16)}`;
}
function percentCharArbUnmapper(value) {
  if (typeof value !== "string") throw new Error("Unsupported");
  return decodeURIComponent(value);
}
var percentCharArb = () => string({
  unit: "binary",
  minLength: 1,
  maxLength: 1
}).map(percentCharArbMapper, percentCharArbUnmapper);
var lowerAlphaArbitrary = void 0;
function getOrCreateLowerAlphaArbitrary() {
  if (lowerAlphaArbitrary === void 0) lowerAlphaArbitrary = mapToConstant(lowerCaseMapper);
  return lowerAlphaArbitrary;
}
var lowerAlphaNumericArbitraries = void 0;
function getOrCreateLowerAlphaNumericArbitrary(others) {
  if (lowerAlphaNumericArbitraries === void 0) lowerAlphaNumericArbitraries = new SMap();
  let match = safeMapGet(lowerAlphaNumericArbitraries, others);
  if (match === void 0) {
    match = mapToConstant(lowerCaseMapper, numericMapper, {
      num: others.length,
      build: (v) => others[v]
    });
    safeMapSet(lowerAlphaNumericArbitraries, others, match);
  }
  return match;
}
function buildAlphaNumericArbitrary(others) {
  return mapToConstant(lowerCaseMapper, upperCaseMapper, numericMapper, {
    num: others.length,
    build: (v) => others[v]
  });
}
var alphaNumericPercentArbitraries = void 0;
function getOrCreateAlphaNumericPercentArbitrary(others) {
  if (alphaNumericPercentArbitraries === void 0) alphaNumericPercentArbitraries = new SMap();
  let match = safeMapGet(alphaNumericPercentArbitraries, others);
  if (match === void 0) {
    match = oneof({
      weight: 10,
      arbitrary: buildAlphaNumericArbitrary(others)
    }, {
      weight: 1,
      arbitrary: percentCharArb()
    });
    safeMapSet(alphaNumericPercentArbitraries, others, match);
  }
  return match;
}
function option(arb, constraints = {}) {
  const freq = constraints.freq === void 0 ? 6 : constraints.freq;
  const nilValue = safeHasOwnProperty(constraints, "nil") ? constraints.nil : null;
  const weightedArbs = [{
    arbitrary: constant(nilValue),
    weight: 1,
    fallbackValue: { default: nilValue }
  }, {
    arbitrary: arb,
    weight: freq - 1
  }];
  const frequencyConstraints = {
    withCrossShrink: true,
    depthSize: constraints.depthSize,
    maxDepth: constraints.maxDepth,
    depthIdentifier: constraints.depthIdentifier
  };
  return FrequencyArbitrary.from(weightedArbs, frequencyConstraints, "fc.option");
}
function filterInvalidSubdomainLabel(subdomainLabel2) {
  if (subdomainLabel2.length > 63) return false;
  return subdomainLabel2.length < 4 || subdomainLabel2[0] !== "x" || subdomainLabel2[1] !== "n" || subdomainLabel2[2] !== "-" || subdomainLabel2[3] !== "-";
}
var AdaptedValue = /* @__PURE__ */ Symbol("adapted-value");
function toAdapterValue(rawValue, adapter2) {
  const adapted = adapter2(rawValue.value_);
  if (!adapted.adapted) return rawValue;
  return new Value(adapted.value, AdaptedValue);
}
var AdapterArbitrary = class extends Arbitrary {
  constructor(sourceArb, adapter2) {
    super();
    this.sourceArb = sourceArb;
    this.adapter = adapter2;
    this.adaptValue = (rawValue) => toAdapterValue(rawValue, adapter2);
  }
  generate(mrng, biasFactor) {
    const rawValue = this.sourceArb.generate(mrng, biasFactor);
    return this.adaptValue(rawValue);
  }
  canShrinkWithoutContext(value) {
    return this.sourceArb.canShrinkWithoutContext(value) && !this.adapter(value).adapted;
  }
  shrink(value, context2) {
    if (context2 === AdaptedValue) {
      if (!this.sourceArb.canShrinkWithoutContext(value)) return Stream.nil();
      return this.sourceArb.shrink(value, void 0).map(this.adaptValue);
    }
    return this.sourceArb.shrink(value, context2).map(this.adaptValue);
  }
};
function adapter(sourceArb, adapter2) {
  return new AdapterArbitrary(sourceArb, adapter2);
}
function toSubdomainLabelMapper([f, d]) {
  return d === null ? f : `${f}${d[0]}${d[1]}`;
}
function toSubdomainLabelUnmapper(value) {
  if (typeof value !== "string" || value.length === 0) throw new Error("Unsupported");
  if (value.length === 1) return [value[0], null];
  return [value[0], [safeSubstring(value, 1, value.length - 1), value[value.length - 1]]];
}
function subdomainLabel(size) {
  const alphaNumericArb = getOrCreateLowerAlphaNumericArbitrary("");
  return tuple(alphaNumericArb, option(tuple(string({
    unit: getOrCreateLowerAlphaNumericArbitrary("-"),
    size,
    maxLength: 61
  }), alphaNumericArb))).map(toSubdomainLabelMapper, toSubdomainLabelUnmapper).filter(filterInvalidSubdomainLabel);
}
function labelsMapper(elements) {
  return `${safeJoin(elements[0], ".")}.${elements[1]}`;
}
function labelsUnmapper(value) {
  if (typeof value !== "string") throw new Error("Unsupported type");
  const lastDotIndex = value.lastIndexOf(".");
  return [safeSplit(safeSubstring(value, 0, lastDotIndex), "."), safeSubstring(value, lastDotIndex + 1)];
}
function labelsAdapter(labels) {
  const [subDomains, suffix] = labels;
  let lengthNotIncludingIndex = suffix.length;
  for (let index = 0; index !== subDomains.length; ++index) {
    lengthNotIncludingIndex += 1 + subDomains[index].length;
    if (lengthNotIncludingIndex > 255) return {
      adapted: true,
      value: [safeSlice(subDomains, 0, index), suffix]
    };
  }
  return {
    adapted: false,
    value: labels
  };
}
function domain(constraints = {}) {
  const resolvedSize = resolveSize(constraints.size);
  const resolvedSizeMinusOne = relativeSizeToSize("-1", resolvedSize);
  const publicSuffixArb = string({
    unit: getOrCreateLowerAlphaArbitrary(),
    minLength: 2,
    maxLength: 63,
    size: resolvedSizeMinusOne
  });
  return adapter(tuple(array(subdomainLabel(resolvedSize), {
    size: resolvedSizeMinusOne,
    minLength: 1,
    maxLength: 127
  }), publicSuffixArb), labelsAdapter).map(labelsMapper, labelsUnmapper);
}
function dotAdapter(a) {
  let currentLength = a[0].length;
  for (let index = 1; index !== a.length; ++index) {
    currentLength += 1 + a[index].length;
    if (currentLength > 64) return {
      adapted: true,
      value: safeSlice(a, 0, index)
    };
  }
  return {
    adapted: false,
    value: a
  };
}
function dotMapper(a) {
  return safeJoin(a, ".");
}
function dotUnmapper(value) {
  if (typeof value !== "string") throw new Error("Unsupported");
  return safeSplit(value, ".");
}
function atMapper(data3) {
  return `${data3[0]}@${data3[1]}`;
}
function atUnmapper(value) {
  if (typeof value !== "string") throw new Error("Unsupported");
  return safeSplit(value, "@", 2);
}
function emailAddress(constraints = {}) {
  return tuple(adapter(array(string({
    unit: getOrCreateLowerAlphaNumericArbitrary("!#$%&'*+-/=?^_`{|}~"),
    minLength: 1,
    maxLength: 64,
    size: constraints.size
  }), {
    minLength: 1,
    maxLength: 32,
    size: constraints.size
  }), dotAdapter).map(dotMapper, dotUnmapper), domain({ size: constraints.size })).map(atMapper, atUnmapper);
}
var safeNegativeInfinity$6 = SNumber.NEGATIVE_INFINITY;
var safePositiveInfinity$6 = SNumber.POSITIVE_INFINITY;
var safeEpsilon = SNumber.EPSILON;
var INDEX_POSITIVE_INFINITY$1 = SBigInt2(2146435072) * SBigInt2(4294967296);
var INDEX_NEGATIVE_INFINITY$1 = -INDEX_POSITIVE_INFINITY$1 - SBigInt2(1);
var num2Pow52 = 4503599627370496;
var big2Pow52Mask = SBigInt2(4503599627370495);
var big2Pow53 = SBigInt2("9007199254740992");
var f64 = /* @__PURE__ */ new Float64Array(1);
var u32$1 = new Uint32Array(f64.buffer, f64.byteOffset);
function bitCastDoubleToUInt64(f) {
  f64[0] = f;
  return [u32$1[1], u32$1[0]];
}
function decomposeDouble(d) {
  const { 0: hi, 1: lo } = bitCastDoubleToUInt64(d);
  const signBit = hi >>> 31;
  const exponentBits = hi >>> 20 & 2047;
  const significandBits = (hi & 1048575) * 4294967296 + lo;
  const exponent = exponentBits === 0 ? -1022 : exponentBits - 1023;
  let significand = exponentBits === 0 ? 0 : 1;
  significand += significandBits * safeEpsilon;
  significand *= signBit === 0 ? 1 : -1;
  return {
    exponent,
    significand
  };
}
function indexInDoubleFromDecomp(exponent, significand) {
  if (exponent === -1022) return SBigInt2(significand * num2Pow52);
  return SBigInt2((significand - 1) * num2Pow52) + (SBigInt2(exponent + 1023) << SBigInt2(52));
}
function doubleToIndex(d) {
  if (d === safePositiveInfinity$6) return INDEX_POSITIVE_INFINITY$1;
  if (d === safeNegativeInfinity$6) return INDEX_NEGATIVE_INFINITY$1;
  const decomp = decomposeDouble(d);
  const exponent = decomp.exponent;
  const significand = decomp.significand;
  if (d > 0 || d === 0 && 1 / d === safePositiveInfinity$6) return indexInDoubleFromDecomp(exponent, significand);
  else return -indexInDoubleFromDecomp(exponent, -significand) - SBigInt2(1);
}
function indexToDouble(index) {
  if (index < 0) return -indexToDouble(-index - SBigInt2(1));
  if (index === INDEX_POSITIVE_INFINITY$1) return safePositiveInfinity$6;
  if (index < big2Pow53) return SNumber(index) * 2 ** -1074;
  const postIndex = index - big2Pow53;
  const exponent = -1021 + SNumber(postIndex >> SBigInt2(52));
  return (1 + SNumber(postIndex & big2Pow52Mask) * safeEpsilon) * 2 ** exponent;
}
var safeNumberIsInteger$2 = Number.isInteger;
var safeObjectIs$1 = Object.is;
var safeNegativeInfinity$5 = Number.NEGATIVE_INFINITY;
var safePositiveInfinity$5 = Number.POSITIVE_INFINITY;
function refineConstraintsForFloatingOnly(constraints, maxValue, maxNonIntegerValue2, onlyIntegersAfterThisValue2) {
  const { noDefaultInfinity = false, minExcluded = false, maxExcluded = false, min: min2 = noDefaultInfinity ? -maxValue : safeNegativeInfinity$5, max: max2 = noDefaultInfinity ? maxValue : safePositiveInfinity$5 } = constraints;
  const effectiveMin = minExcluded ? min2 < -maxNonIntegerValue2 ? -onlyIntegersAfterThisValue2 : Math.max(min2, -maxNonIntegerValue2) : min2 === safeNegativeInfinity$5 ? Math.max(min2, -onlyIntegersAfterThisValue2) : Math.max(min2, -maxNonIntegerValue2);
  const effectiveMax = maxExcluded ? max2 > maxNonIntegerValue2 ? onlyIntegersAfterThisValue2 : Math.min(max2, maxNonIntegerValue2) : max2 === safePositiveInfinity$5 ? Math.min(max2, onlyIntegersAfterThisValue2) : Math.min(max2, maxNonIntegerValue2);
  return {
    noDefaultInfinity: false,
    minExcluded: minExcluded || (min2 !== safeNegativeInfinity$5 || minExcluded) && safeNumberIsInteger$2(effectiveMin),
    maxExcluded: maxExcluded || (max2 !== safePositiveInfinity$5 || maxExcluded) && safeNumberIsInteger$2(effectiveMax),
    min: safeObjectIs$1(effectiveMin, -0) ? 0 : effectiveMin,
    max: safeObjectIs$1(effectiveMax, 0) ? -0 : effectiveMax,
    noNaN: constraints.noNaN || false
  };
}
var safeNegativeInfinity$4 = Number.NEGATIVE_INFINITY;
var safePositiveInfinity$4 = Number.POSITIVE_INFINITY;
var safeMaxValue$2 = Number.MAX_VALUE;
var maxNonIntegerValue$1 = 45035996273704955e-1;
var onlyIntegersAfterThisValue$1 = 4503599627370496;
function refineConstraintsForDoubleOnly(constraints) {
  return refineConstraintsForFloatingOnly(constraints, safeMaxValue$2, maxNonIntegerValue$1, onlyIntegersAfterThisValue$1);
}
function doubleOnlyMapper(value) {
  return value === 4503599627370496 ? safePositiveInfinity$4 : value === -4503599627370496 ? safeNegativeInfinity$4 : value;
}
function doubleOnlyUnmapper(value) {
  if (typeof value !== "number") throw new Error("Unsupported type");
  return value === safePositiveInfinity$4 ? onlyIntegersAfterThisValue$1 : value === safeNegativeInfinity$4 ? -4503599627370496 : value;
}
var safeNumberIsInteger$1 = Number.isInteger;
var safeNumberIsNaN$1 = Number.isNaN;
var safeNegativeInfinity$3 = Number.NEGATIVE_INFINITY;
var safePositiveInfinity$3 = Number.POSITIVE_INFINITY;
var safeMaxValue$1 = Number.MAX_VALUE;
var safeNaN$1 = NaN;
function safeDoubleToIndex(d, constraintsLabel) {
  if (safeNumberIsNaN$1(d)) throw new Error("fc.double constraints." + constraintsLabel + " must be a 64-bit float");
  return doubleToIndex(d);
}
function unmapperDoubleToIndex(value) {
  if (typeof value !== "number") throw new Error("Unsupported type");
  return doubleToIndex(value);
}
function numberIsNotInteger$1(value) {
  return !safeNumberIsInteger$1(value);
}
function anyDouble(constraints) {
  const { noDefaultInfinity = false, noNaN = false, minExcluded = false, maxExcluded = false, min: min2 = noDefaultInfinity ? -safeMaxValue$1 : safeNegativeInfinity$3, max: max2 = noDefaultInfinity ? safeMaxValue$1 : safePositiveInfinity$3 } = constraints;
  const minIndexRaw = safeDoubleToIndex(min2, "min");
  const minIndex = minExcluded ? minIndexRaw + SBigInt2(1) : minIndexRaw;
  const maxIndexRaw = safeDoubleToIndex(max2, "max");
  const maxIndex = maxExcluded ? maxIndexRaw - SBigInt2(1) : maxIndexRaw;
  if (maxIndex < minIndex) throw new Error("fc.double constraints.min must be smaller or equal to constraints.max");
  if (noNaN) return bigInt({
    min: minIndex,
    max: maxIndex
  }).map(indexToDouble, unmapperDoubleToIndex);
  const positiveMaxIdx = maxIndex > SBigInt2(0);
  const minIndexWithNaN = positiveMaxIdx ? minIndex : minIndex - SBigInt2(1);
  const maxIndexWithNaN = positiveMaxIdx ? maxIndex + SBigInt2(1) : maxIndex;
  return bigInt({
    min: minIndexWithNaN,
    max: maxIndexWithNaN
  }).map((index) => {
    if (maxIndex < index || index < minIndex) return safeNaN$1;
    else return indexToDouble(index);
  }, (value) => {
    if (typeof value !== "number") throw new Error("Unsupported type");
    if (safeNumberIsNaN$1(value)) return maxIndex !== maxIndexWithNaN ? maxIndexWithNaN : minIndexWithNaN;
    return doubleToIndex(value);
  });
}
function double(constraints = {}) {
  if (!constraints.noInteger) return anyDouble(constraints);
  return anyDouble(refineConstraintsForDoubleOnly(constraints)).map(doubleOnlyMapper, doubleOnlyUnmapper).filter(numberIsNotInteger$1);
}
var safeNegativeInfinity$2 = Number.NEGATIVE_INFINITY;
var safePositiveInfinity$2 = Number.POSITIVE_INFINITY;
var safeMathImul = Math.imul;
var MAX_VALUE_32 = 2 ** 127 * (1 + (2 ** 23 - 1) / 2 ** 23);
var INDEX_POSITIVE_INFINITY = 2139095040;
var INDEX_NEGATIVE_INFINITY = -2139095041;
var f32 = /* @__PURE__ */ new Float32Array(1);
var u32 = new Uint32Array(f32.buffer, f32.byteOffset);
function bitCastFloatToUInt32(f) {
  f32[0] = f;
  return u32[0];
}
function decomposeFloat(f) {
  const bits = bitCastFloatToUInt32(f);
  const signBit = bits >>> 31;
  const exponentBits = bits >>> 23 & 255;
  const significandBits = bits & 8388607;
  const exponent = exponentBits === 0 ? -126 : exponentBits - 127;
  let significand = exponentBits === 0 ? 0 : 1;
  significand += significandBits / 2 ** 23;
  significand *= signBit === 0 ? 1 : -1;
  return {
    exponent,
    significand
  };
}
function indexInFloatFromDecomp(exponent, significand) {
  if (exponent === -126) return significand * 8388608;
  return safeMathImul(exponent + 127, 8388608) + (significand - 1) * 8388608;
}
function floatToIndex(f) {
  if (f === safePositiveInfinity$2) return INDEX_POSITIVE_INFINITY;
  if (f === safeNegativeInfinity$2) return INDEX_NEGATIVE_INFINITY;
  const decomp = decomposeFloat(f);
  const exponent = decomp.exponent;
  const significand = decomp.significand;
  if (f > 0 || f === 0 && 1 / f === safePositiveInfinity$2) return indexInFloatFromDecomp(exponent, significand);
  else return -indexInFloatFromDecomp(exponent, -significand) - 1;
}
function indexToFloat(index) {
  if (index < 0) return -indexToFloat(-index - 1);
  if (index === INDEX_POSITIVE_INFINITY) return safePositiveInfinity$2;
  if (index < 16777216) return index * 2 ** -149;
  const postIndex = index - 16777216;
  const exponent = -125 + (postIndex >> 23);
  return (1 + (postIndex & 8388607) / 8388608) * 2 ** exponent;
}
var safeNegativeInfinity$1 = Number.NEGATIVE_INFINITY;
var safePositiveInfinity$1 = Number.POSITIVE_INFINITY;
var safeMaxValue = MAX_VALUE_32;
var maxNonIntegerValue = 83886075e-1;
var onlyIntegersAfterThisValue = 8388608;
function refineConstraintsForFloatOnly(constraints) {
  return refineConstraintsForFloatingOnly(constraints, safeMaxValue, maxNonIntegerValue, onlyIntegersAfterThisValue);
}
function floatOnlyMapper(value) {
  return value === 8388608 ? safePositiveInfinity$1 : value === -8388608 ? safeNegativeInfinity$1 : value;
}
function floatOnlyUnmapper(value) {
  if (typeof value !== "number") throw new Error("Unsupported type");
  return value === safePositiveInfinity$1 ? onlyIntegersAfterThisValue : value === safeNegativeInfinity$1 ? -8388608 : value;
}
var safeNumberIsInteger = Number.isInteger;
var safeNumberIsNaN = Number.isNaN;
var safeMathFround = Math.fround;
var safeNegativeInfinity = Number.NEGATIVE_INFINITY;
var safePositiveInfinity = Number.POSITIVE_INFINITY;
var safeNaN = NaN;
function safeFloatToIndex(f, constraintsLabel) {
  const errorMessage = "fc.float constraints." + constraintsLabel + " must be a 32-bit float - you can convert any double to a 32-bit float by using `Math.fround(myDouble)`";
  if (safeNumberIsNaN(f) || safeMathFround(f) !== f) throw new Error(errorMessage);
  return floatToIndex(f);
}
function unmapperFloatToIndex(value) {
  if (typeof value !== "number") throw new Error("Unsupported type");
  return floatToIndex(value);
}
function numberIsNotInteger(value) {
  return !safeNumberIsInteger(value);
}
function anyFloat(constraints) {
  const { noDefaultInfinity = false, noNaN = false, minExcluded = false, maxExcluded = false, min: min2 = noDefaultInfinity ? -MAX_VALUE_32 : safeNegativeInfinity, max: max2 = noDefaultInfinity ? MAX_VALUE_32 : safePositiveInfinity } = constraints;
  const minIndexRaw = safeFloatToIndex(min2, "min");
  const minIndex = minExcluded ? minIndexRaw + 1 : minIndexRaw;
  const maxIndexRaw = safeFloatToIndex(max2, "max");
  const maxIndex = maxExcluded ? maxIndexRaw - 1 : maxIndexRaw;
  if (minIndex > maxIndex) throw new Error("fc.float constraints.min must be smaller or equal to constraints.max");
  if (noNaN) return integer({
    min: minIndex,
    max: maxIndex
  }).map(indexToFloat, unmapperFloatToIndex);
  const minIndexWithNaN = maxIndex > 0 ? minIndex : minIndex - 1;
  const maxIndexWithNaN = maxIndex > 0 ? maxIndex + 1 : maxIndex;
  return integer({
    min: minIndexWithNaN,
    max: maxIndexWithNaN
  }).map((index) => {
    if (index > maxIndex || index < minIndex) return safeNaN;
    else return indexToFloat(index);
  }, (value) => {
    if (typeof value !== "number") throw new Error("Unsupported type");
    if (safeNumberIsNaN(value)) return maxIndex !== maxIndexWithNaN ? maxIndexWithNaN : minIndexWithNaN;
    return floatToIndex(value);
  });
}
function float(constraints = {}) {
  if (!constraints.noInteger) return anyFloat(constraints);
  return anyFloat(refineConstraintsForFloatOnly(constraints)).map(floatOnlyMapper, floatOnlyUnmapper).filter(numberIsNotInteger);
}
function escapeForTemplateString(originalText) {
  return originalText.replace(/([$`\\])/g, "\\$1").replace(/\r/g, "\\r");
}
function escapeForMultilineComments(originalText) {
  return originalText.replace(/\*\//g, "*\\/");
}
var crc32Table = [
  0,
  1996959894,
  3993919788,
  2567524794,
  124634137,
  1886057615,
  3915621685,
  2657392035,
  249268274,
  2044508324,
  3772115230,
  2547177864,
  162941995,
  2125561021,
  3887607047,
  2428444049,
  498536548,
  1789927666,
  4089016648,
  2227061214,
  450548861,
  1843258603,
  4107580753,
  2211677639,
  325883990,
  1684777152,
  4251122042,
  2321926636,
  335633487,
  1661365465,
  4195302755,
  2366115317,
  997073096,
  1281953886,
  3579855332,
  2724688242,
  1006888145,
  1258607687,
  3524101629,
  2768942443,
  901097722,
  1119000684,
  3686517206,
  2898065728,
  853044451,
  1172266101,
  3705015759,
  2882616665,
  651767980,
  1373503546,
  3369554304,
  3218104598,
  565507253,
  1454621731,
  3485111705,
  3099436303,
  671266974,
  1594198024,
  3322730930,
  2970347812,
  795835527,
  1483230225,
  3244367275,
  3060149565,
  1994146192,
  31158534,
  2563907772,
  4023717930,
  1907459465,
  112637215,
  2680153253,
  3904427059,
  2013776290,
  251722036,
  2517215374,
  3775830040,
  2137656763,
  141376813,
  2439277719,
  3865271297,
  1802195444,
  476864866,
  2238001368,
  4066508878,
  1812370925,
  453092731,
  2181625025,
  4111451223,
  1706088902,
  314042704,
  2344532202,
  4240017532,
  1658658271,
  366619977,
  2362670323,
  4224994405,
  1303535960,
  984961486,
  2747007092,
  3569037538,
  1256170817,
  1037604311,
  2765210733,
  3554079995,
  1131014506,
  879679996,
  2909243462,
  3663771856,
  1141124467,
  855842277,
  2852801631,
  3708648649,
  1342533948,
  654459306,
  3188396048,
  3373015174,
  1466479909,
  544179635,
  3110523913,
  3462522015,
  1591671054,
  702138776,
  2966460450,
  3352799412,
  1504918807,
  783551873,
  3082640443,
  3233442989,
  3988292384,
  2596254646,
  62317068,
  1957810842,
  3939845945,
  2647816111,
  81470997,
  1943803523,
  3814918930,
  2489596804,
  225274430,
  2053790376,
  3826175755,
  2466906013,
  167816743,
  2097651377,
  4027552580,
  2265490386,
  503444072,
  1762050814,
  4150417245,
  2154129355,
  426522225,
  1852507879,
  4275313526,
  2312317920,
  282753626,
  1742555852,
  4189708143,
  2394877945,
  397917763,
  1622183637,
  3604390888,
  2714866558,
  953729732,
  1340076626,
  3518719985,
  2797360999,
  1068828381,
  1219638859,
  3624741850,
  2936675148,
  906185462,
  1090812512,
  3747672003,
  2825379669,
  829329135,
  1181335161,
  3412177804,
  3160834842,
  628085408,
  1382605366,
  3423369109,
  3138078467,
  570562233,
  1426400815,
  3317316542,
  2998733608,
  733239954,
  1555261956,
  3268935591,
  3050360625,
  752459403,
  1541320221,
  2607071920,
  3965973030,
  1969922972,
  40735498,
  2617837225,
  3943577151,
  1913087877,
  83908371,
  2512341634,
  3803740692,
  2075208622,
  213261112,
  2463272603,
  3855990285,
  2094854071,
  198958881,
  2262029012,
  4057260610,
  1759359992,
  534414190,
  2176718541,
  4139329115,
  1873836001,
  414664567,
  2282248934,
  4279200368,
  1711684554,
  285281116,
  2405801727,
  4167216745,
  1634467795,
  376229701,
  2685067896,
  3608007406,
  1308918612,
  956543938,
  2808555105,
  3495958263,
  1231636301,
  1047427035,
  2932959818,
  3654703836,
  1088359270,
  936918e3,
  2847714899,
  3736837829,
  1202900863,
  817233897,
  3183342108,
  3401237130,
  1404277552,
  615818150,
  3134207493,
  3453421203,
  1423857449,
  601450431,
  3009837614,
  3294710456,
  1567103746,
  711928724,
  3020668471,
  3272380065,
  1510334235,
  755167117
];
function hash(repr) {
  let crc = 4294967295;
  for (let idx = 0; idx < repr.length; ++idx) {
    const c = safeCharCodeAt(repr, idx);
    if (c < 128) crc = crc32Table[crc & 255 ^ c] ^ crc >> 8;
    else if (c < 2048) {
      crc = crc32Table[crc & 255 ^ (192 | c >> 6 & 31)] ^ crc >> 8;
      crc = crc32Table[crc & 255 ^ (128 | c & 63)] ^ crc >> 8;
    } else if (c >= 55296 && c < 57344) {
      const cNext = safeCharCodeAt(repr, ++idx);
      if (c >= 56320 || cNext < 56320 || cNext > 57343 || Number.isNaN(cNext)) {
        idx -= 1;
        crc = crc32Table[crc & 255 ^ 239] ^ crc >> 8;
        crc = crc32Table[crc & 255 ^ 191] ^ crc >> 8;
        crc = crc32Table[crc & 255 ^ 189] ^ crc >> 8;
      } else {
        const c1 = (c & 1023) + 64;
        const c2 = cNext & 1023;
        crc = crc32Table[crc & 255 ^ (240 | c1 >> 8 & 7)] ^ crc >> 8;
        crc = crc32Table[crc & 255 ^ (128 | c1 >> 2 & 63)] ^ crc >> 8;
        crc = crc32Table[crc & 255 ^ (128 | c2 >> 6 & 15 | (c1 & 3) << 4)] ^ crc >> 8;
        crc = crc32Table[crc & 255 ^ (128 | c2 & 63)] ^ crc >> 8;
      }
    } else {
      crc = crc32Table[crc & 255 ^ (224 | c >> 12 & 15)] ^ crc >> 8;
      crc = crc32Table[crc & 255 ^ (128 | c >> 6 & 63)] ^ crc >> 8;
      crc = crc32Table[crc & 255 ^ (128 | c & 63)] ^ crc >> 8;
    }
  }
  return (crc | 0) + 2147483648;
}
var stableObjectGetPrototypeOf = Object.getPrototypeOf;
var NoShrinkArbitrary = class extends Arbitrary {
  constructor(arb) {
    super();
    this.arb = arb;
  }
  generate(mrng, biasFactor) {
    return this.arb.generate(mrng, biasFactor);
  }
  canShrinkWithoutContext(value) {
    return this.arb.canShrinkWithoutContext(value);
  }
  shrink(_value, _context) {
    return Stream.nil();
  }
};
function noShrink(arb) {
  if (stableObjectGetPrototypeOf(arb) === NoShrinkArbitrary.prototype && arb.generate === NoShrinkArbitrary.prototype.generate && arb.canShrinkWithoutContext === NoShrinkArbitrary.prototype.canShrinkWithoutContext && arb.shrink === NoShrinkArbitrary.prototype.shrink) return arb;
  return new NoShrinkArbitrary(arb);
}
var safeObjectAssign$4 = Object.assign;
var safeObjectKeys$3 = Object.keys;
function buildCompareFunctionArbitrary(cmp) {
  return tuple(noShrink(integer()), noShrink(integer({
    min: 1,
    max: 4294967295
  }))).map(([seed, hashEnvSize]) => {
    const producer = () => {
      const recorded = {};
      const f = (a, b) => {
        const reprA = stringify(a);
        const reprB = stringify(b);
        const val = cmp(hash(`${seed}${reprA}`) % hashEnvSize, hash(`${seed}${reprB}`) % hashEnvSize);
        recorded[`[${reprA},${reprB}]`] = val;
        return val;
      };
      return safeObjectAssign$4(f, {
        toString: () => {
          const seenValues = safeObjectKeys$3(recorded).sort().map((k) => `${k} => ${stringify(recorded[k])}`).map((line) => `/* ${escapeForMultilineComments(line)} */`);
          return `function(a, b) {
  // With hash and stringify coming from fast-check${seenValues.length !== 0 ? `
  ${safeJoin(seenValues, "\n  ")}` : ""}
  const cmp = ${cmp};
  const hA = hash('${seed}' + stringify(a)) % ${hashEnvSize};
  const hB = hash('${seed}' + stringify(b)) % ${hashEnvSize};
  return cmp(hA, hB);
}`;
        },
        [cloneMethod]: producer
      });
    };
    return producer();
  });
}
var safeObjectAssign$3 = Object.assign;
function compareBooleanFunc() {
  return buildCompareFunctionArbitrary(safeObjectAssign$3((hA, hB) => hA < hB, { toString() {
    return "(hA, hB) => hA < hB";
  } }));
}
var safeObjectAssign$2 = Object.assign;
function compareFunc() {
  return buildCompareFunctionArbitrary(safeObjectAssign$2((hA, hB) => hA - hB, { toString() {
    return "(hA, hB) => hA - hB";
  } }));
}
var safeObjectDefineProperties$1 = Object.defineProperties;
var safeObjectKeys$2 = Object.keys;
function func(arb) {
  return tuple(array(arb, { minLength: 1 }), noShrink(integer())).map(([outs, seed]) => {
    const producer = () => {
      const recorded = {};
      const f = (...args) => {
        const repr = stringify(args);
        const val = outs[hash(`${seed}${repr}`) % outs.length];
        recorded[repr] = val;
        return hasCloneMethod(val) ? val[cloneMethod]() : val;
      };
      function prettyPrint2(stringifiedOuts) {
        const seenValues = safeMap(safeMap(safeSort(safeObjectKeys$2(recorded)), (k) => `${k} => ${stringify(recorded[k])}`), (line) => `/* ${escapeForMultilineComments(line)} */`);
        return `function(...args) {
  // With hash and stringify coming from fast-check${seenValues.length !== 0 ? `
  ${seenValues.join("\n  ")}` : ""}
  const outs = ${stringifiedOuts};
  return outs[hash('${seed}' + stringify(args)) % outs.length];
}`;
      }
      return safeObjectDefineProperties$1(f, {
        toString: { value: () => prettyPrint2(stringify(outs)) },
        [toStringMethod]: { value: () => prettyPrint2(stringify(outs)) },
        [asyncToStringMethod]: { value: async () => prettyPrint2(await asyncStringify(outs)) },
        [cloneMethod]: {
          value: producer,
          configurable: true
        }
      });
    };
    return producer();
  });
}
var safeMinSafeInteger = Number.MIN_SAFE_INTEGER;
var safeMaxSafeInteger$1 = Number.MAX_SAFE_INTEGER;
function maxSafeInteger() {
  return new IntegerArbitrary(safeMinSafeInteger, safeMaxSafeInteger$1);
}
var safeMaxSafeInteger = Number.MAX_SAFE_INTEGER;
function maxSafeNat() {
  return new IntegerArbitrary(0, safeMaxSafeInteger);
}
var safeNumberParseInt = Number.parseInt;
function natToStringifiedNatMapper(options) {
  const [style, v] = options;
  switch (style) {
    case "oct":
      return `0${safeNumberToString(v, 8)}`;
    case "hex":
      return `0x${safeNumberToString(v, 16)}`;
    default:
      return `${v}`;
  }
}
function tryParseStringifiedNat(stringValue, radix) {
  const parsedNat = safeNumberParseInt(stringValue, radix);
  if (safeNumberToString(parsedNat, radix) !== stringValue) throw new Error("Invalid value");
  return parsedNat;
}
function natToStringifiedNatUnmapper(value) {
  if (typeof value !== "string") throw new Error("Invalid type");
  if (value.length >= 2 && value[0] === "0") {
    if (value[1] === "x") return ["hex", tryParseStringifiedNat(safeSubstring(value, 2), 16)];
    return ["oct", tryParseStringifiedNat(safeSubstring(value, 1), 8)];
  }
  return ["dec", tryParseStringifiedNat(value, 10)];
}
function dotJoinerMapper$1(data3) {
  return safeJoin(data3, ".");
}
function dotJoinerUnmapper$1(value) {
  if (typeof value !== "string") throw new Error("Invalid type");
  return safeMap(safeSplit(value, "."), (v) => tryParseStringifiedNat(v, 10));
}
function ipV4() {
  return tuple(nat(255), nat(255), nat(255), nat(255)).map(dotJoinerMapper$1, dotJoinerUnmapper$1);
}
function buildStringifiedNatArbitrary(maxValue) {
  return tuple(constantFrom("dec", "oct", "hex"), nat(maxValue)).map(natToStringifiedNatMapper, natToStringifiedNatUnmapper);
}
function dotJoinerMapper(data3) {
  return safeJoin(data3, ".");
}
function dotJoinerUnmapper(value) {
  if (typeof value !== "string") throw new Error("Invalid type");
  return safeSplit(value, ".");
}
function ipV4Extended() {
  return oneof(tuple(buildStringifiedNatArbitrary(255), buildStringifiedNatArbitrary(255), buildStringifiedNatArbitrary(255), buildStringifiedNatArbitrary(255)).map(dotJoinerMapper, dotJoinerUnmapper), tuple(buildStringifiedNatArbitrary(255), buildStringifiedNatArbitrary(255), buildStringifiedNatArbitrary(65535)).map(dotJoinerMapper, dotJoinerUnmapper), tuple(buildStringifiedNatArbitrary(255), buildStringifiedNatArbitrary(16777215)).map(dotJoinerMapper, dotJoinerUnmapper), buildStringifiedNatArbitrary(4294967295));
}
function readBh(value) {
  if (value.length === 0) return [];
  else return safeSplit(value, ":");
}
function extractEhAndL(value) {
  const valueSplits = safeSplit(value, ":");
  if (valueSplits.length >= 2 && valueSplits[valueSplits.length - 1].length <= 4) return [safeSlice(valueSplits, 0, valueSplits.length - 2), `${valueSplits[valueSplits.length - 2]}:${valueSplits[valueSplits.length - 1]}`];
  return [safeSlice(valueSplits, 0, valueSplits.length - 1), valueSplits[valueSplits.length - 1]];
}
function fullySpecifiedMapper(data3) {
  return `${safeJoin(data3[0], ":")}:${data3[1]}`;
}
function fullySpecifiedUnmapper(value) {
  if (typeof value !== "string") throw new Error("Invalid type");
  return extractEhAndL(value);
}
function onlyTrailingMapper(data3) {
  return `::${safeJoin(data3[0], ":")}:${data3[1]}`;
}
function onlyTrailingUnmapper(value) {
  if (typeof value !== "string") throw new Error("Invalid type");
  if (!safeStartsWith(value, "::")) throw new Error("Invalid value");
  return extractEhAndL(safeSubstring(value, 2));
}
function multiTrailingMapper(data3) {
  return `${safeJoin(data3[0], ":")}::${safeJoin(data3[1], ":")}:${data3[2]}`;
}
function multiTrailingUnmapper(value) {
  if (typeof value !== "string") throw new Error("Invalid type");
  const [bhString, trailingString] = safeSplit(value, "::", 2);
  const [eh, l] = extractEhAndL(trailingString);
  return [
    readBh(bhString),
    eh,
    l
  ];
}
function multiTrailingMapperOne(data3) {
  return multiTrailingMapper([
    data3[0],
    [data3[1]],
    data3[2]
  ]);
}
function multiTrailingUnmapperOne(value) {
  const out2 = multiTrailingUnmapper(value);
  return [
    out2[0],
    safeJoin(out2[1], ":"),
    out2[2]
  ];
}
function singleTrailingMapper(data3) {
  return `${safeJoin(data3[0], ":")}::${data3[1]}`;
}
function singleTrailingUnmapper(value) {
  if (typeof value !== "string") throw new Error("Invalid type");
  const [bhString, trailing] = safeSplit(value, "::", 2);
  return [readBh(bhString), trailing];
}
function noTrailingMapper(data3) {
  return `${safeJoin(data3[0], ":")}::`;
}
function noTrailingUnmapper(value) {
  if (typeof value !== "string") throw new Error("Invalid type");
  if (!safeEndsWith(value, "::")) throw new Error("Invalid value");
  return [readBh(safeSubstring(value, 0, value.length - 2))];
}
function h16sTol32Mapper([a, b]) {
  return `${a}:${b}`;
}
function h16sTol32Unmapper(value) {
  if (typeof value !== "string") throw new SError("Invalid type");
  if (!value.includes(":")) throw new SError("Invalid value");
  return value.split(":", 2);
}
var items = "0123456789abcdef";
var cachedHexa = void 0;
function hexa() {
  if (cachedHexa === void 0) cachedHexa = integer({
    min: 0,
    max: 15
  }).map((n) => items[n], (c) => {
    if (typeof c !== "string") throw new SError("Not a string");
    if (c.length !== 1) throw new SError("Invalid length");
    const code = safeCharCodeAt(c, 0);
    if (code <= 57) return code - 48;
    if (code < 97) throw new SError("Invalid character");
    return code - 87;
  });
  return cachedHexa;
}
function ipV6() {
  const h16Arb = string({
    unit: hexa(),
    minLength: 1,
    maxLength: 4,
    size: "max"
  });
  const ls32Arb = oneof(tuple(h16Arb, h16Arb).map(h16sTol32Mapper, h16sTol32Unmapper), ipV4());
  return oneof(tuple(array(h16Arb, {
    minLength: 6,
    maxLength: 6,
    size: "max"
  }), ls32Arb).map(fullySpecifiedMapper, fullySpecifiedUnmapper), tuple(array(h16Arb, {
    minLength: 5,
    maxLength: 5,
    size: "max"
  }), ls32Arb).map(onlyTrailingMapper, onlyTrailingUnmapper), tuple(array(h16Arb, {
    minLength: 0,
    maxLength: 1,
    size: "max"
  }), array(h16Arb, {
    minLength: 4,
    maxLength: 4,
    size: "max"
  }), ls32Arb).map(multiTrailingMapper, multiTrailingUnmapper), tuple(array(h16Arb, {
    minLength: 0,
    maxLength: 2,
    size: "max"
  }), array(h16Arb, {
    minLength: 3,
    maxLength: 3,
    size: "max"
  }), ls32Arb).map(multiTrailingMapper, multiTrailingUnmapper), tuple(array(h16Arb, {
    minLength: 0,
    maxLength: 3,
    size: "max"
  }), array(h16Arb, {
    minLength: 2,
    maxLength: 2,
    size: "max"
  }), ls32Arb).map(multiTrailingMapper, multiTrailingUnmapper), tuple(array(h16Arb, {
    minLength: 0,
    maxLength: 4,
    size: "max"
  }), h16Arb, ls32Arb).map(multiTrailingMapperOne, multiTrailingUnmapperOne), tuple(array(h16Arb, {
    minLength: 0,
    maxLength: 5,
    size: "max"
  }), ls32Arb).map(singleTrailingMapper, singleTrailingUnmapper), tuple(array(h16Arb, {
    minLength: 0,
    maxLength: 6,
    size: "max"
  }), h16Arb).map(singleTrailingMapper, singleTrailingUnmapper), tuple(array(h16Arb, {
    minLength: 0,
    maxLength: 7,
    size: "max"
  })).map(noTrailingMapper, noTrailingUnmapper));
}
var LazyArbitrary = class extends Arbitrary {
  constructor(name) {
    super();
    this.name = name;
    this.underlying = null;
  }
  generate(mrng, biasFactor) {
    if (this.underlying === null) throw new Error(`Lazy arbitrary ${JSON.stringify(this.name)} not correctly initialized`);
    return this.underlying.generate(mrng, biasFactor);
  }
  canShrinkWithoutContext(value) {
    if (this.underlying === null) throw new Error(`Lazy arbitrary ${JSON.stringify(this.name)} not correctly initialized`);
    return this.underlying.canShrinkWithoutContext(value);
  }
  shrink(value, context2) {
    if (this.underlying === null) throw new Error(`Lazy arbitrary ${JSON.stringify(this.name)} not correctly initialized`);
    return this.underlying.shrink(value, context2);
  }
};
var safeGetOwnPropertyNames = Object.getOwnPropertyNames;
function createLazyArbsPool() {
  const lazyArbsPool = new SMap$2();
  const getLazyFromPool = (key) => {
    let lazyArb = safeMapGet(lazyArbsPool, key);
    if (lazyArb !== void 0) return lazyArb;
    lazyArb = new LazyArbitrary(String(key));
    safeMapSet(lazyArbsPool, key, lazyArb);
    return lazyArb;
  };
  return getLazyFromPool;
}
function letrec(builder) {
  const getLazyFromPool = createLazyArbsPool();
  const strictArbs = builder(getLazyFromPool);
  const declaredArbitraryNames = safeGetOwnPropertyNames(strictArbs);
  for (const name of declaredArbitraryNames) {
    const lazyArb = getLazyFromPool(name);
    lazyArb.underlying = strictArbs[name];
  }
  return strictArbs;
}
function canHaveAtLeastOneItem(keys, constraints) {
  for (const key of keys) {
    const constraintsOnKey = constraints[key] || {};
    if (constraintsOnKey.maxLength === void 0 || constraintsOnKey.maxLength > 0) return true;
  }
  return false;
}
function initialPoolForEntityGraph(keys, constraints) {
  if (keys.length === 0) return constant([]);
  if (!canHaveAtLeastOneItem(keys, constraints)) throw new SError("Contraints on pool must accept at least one entity, maxLength cannot sum to 0");
  return tuple(...keys.map((key) => array(constant(key), constraints[key]))).map((values) => safeFlat(values)).filter((names) => names.length > 0);
}
var safeObjectAssign$1 = Object.assign;
var safeObjectCreate$4 = Object.create;
var safeObjectDefineProperty$1 = Object.defineProperty;
var safeObjectGetPrototypeOf = Object.getPrototypeOf;
var safeObjectPrototype = Object.prototype;
function withTargetStringifiedValue(stringifiedValue) {
  return safeObjectDefineProperty$1(safeObjectCreate$4(null), toStringMethod, {
    configurable: false,
    enumerable: false,
    writable: false,
    value: () => stringifiedValue
  });
}
function withReferenceStringifiedValue(type, index) {
  return withTargetStringifiedValue(`<${SString(type)}#${index}>`);
}
function unlinkedToLinkedEntitiesMapper(unlinkedEntities, producedLinks) {
  const linkedEntities = safeObjectCreate$4(safeObjectPrototype);
  for (const name in unlinkedEntities) {
    const unlinkedEntitiesForName = unlinkedEntities[name];
    const linkedEntitiesForName = [];
    for (const unlinkedEntity of unlinkedEntitiesForName) {
      const linkedEntity = safeObjectAssign$1(safeObjectCreate$4(safeObjectGetPrototypeOf(unlinkedEntity)), unlinkedEntity);
      linkedEntitiesForName.push(linkedEntity);
    }
    linkedEntities[name] = linkedEntitiesForName;
  }
  for (const name in producedLinks) {
    const entityLinks = producedLinks[name];
    for (let entityIndex = 0; entityIndex !== entityLinks.length; ++entityIndex) {
      const entityLinksForInstance = entityLinks[entityIndex];
      const linkedInstance = linkedEntities[name][entityIndex];
      for (const prop in entityLinksForInstance) {
        const propValue = entityLinksForInstance[prop];
        linkedInstance[prop] = propValue.index === void 0 ? void 0 : typeof propValue.index === "number" ? linkedEntities[propValue.type][propValue.index] : safeMap(propValue.index, (index) => linkedEntities[propValue.type][index]);
      }
      safeObjectDefineProperty$1(linkedInstance, toStringMethod, {
        configurable: false,
        enumerable: false,
        writable: false,
        value: () => {
          const unlinkedEntity = unlinkedEntities[name][entityIndex];
          const entity = safeObjectAssign$1(safeObjectCreate$4(safeObjectGetPrototypeOf(unlinkedEntity)), unlinkedEntity);
          for (const prop in entityLinksForInstance) {
            const propValue = entityLinksForInstance[prop];
            entity[prop] = propValue.index === void 0 ? void 0 : typeof propValue.index === "number" ? withReferenceStringifiedValue(propValue.type, propValue.index) : safeMap(propValue.index, (index) => withReferenceStringifiedValue(propValue.type, index));
          }
          return stringify(entity);
        }
      });
    }
  }
  return linkedEntities;
}
function buildInversedRelationsMapping(relations) {
  let foundInversedRelations = 0;
  const requestedInversedRelations = new SMap$2();
  for (const name in relations) {
    const relationsForName = relations[name];
    for (const fieldName in relationsForName) {
      const relation = relationsForName[fieldName];
      if (relation.arity !== "inverse") continue;
      let existingOnes = safeMapGet(requestedInversedRelations, relation.type);
      if (existingOnes === void 0) {
        existingOnes = new SMap$2();
        safeMapSet(requestedInversedRelations, relation.type, existingOnes);
      }
      if (safeMapHas(existingOnes, relation.forwardRelationship)) throw new SError(`Cannot declare multiple inverse relationships for the same forward relationship ${SString(relation.forwardRelationship)} on type ${SString(relation.type)}`);
      safeMapSet(existingOnes, relation.forwardRelationship, {
        type: name,
        property: fieldName
      });
      foundInversedRelations += 1;
    }
  }
  const inversedRelations = new SMap$2();
  if (foundInversedRelations === 0) return inversedRelations;
  for (const name in relations) {
    const relationsForName = relations[name];
    const requestedInversedRelationsForName = safeMapGet(requestedInversedRelations, name);
    if (requestedInversedRelationsForName === void 0) continue;
    for (const fieldName in relationsForName) {
      const relation = relationsForName[fieldName];
      if (relation.arity === "inverse") continue;
      const requestedIfAny = safeMapGet(requestedInversedRelationsForName, fieldName);
      if (requestedIfAny === void 0) continue;
      if (requestedIfAny.type !== relation.type) throw new SError(`Inverse relationship ${SString(requestedIfAny.property)} on type ${SString(requestedIfAny.type)} references forward relationship ${SString(fieldName)} but types do not match`);
      safeMapSet(inversedRelations, relation, requestedIfAny);
    }
  }
  if (inversedRelations.size !== foundInversedRelations) throw new SError(`Some inverse relationships could not be matched with their corresponding forward relationships`);
  return inversedRelations;
}
var safeObjectAssign = Object.assign;
var safeObjectCreate$3 = Object.create;
function produceLinkUnitaryIndexArbitrary(strategy, currentIndexIfSameType, countInTargetType) {
  switch (strategy) {
    case "exclusive":
      return constant(countInTargetType);
    case "successor":
      return noBias(integer({
        min: currentIndexIfSameType !== void 0 ? currentIndexIfSameType + 1 : 0,
        max: countInTargetType
      }));
    case "any":
      return noBias(integer({
        min: 0,
        max: countInTargetType
      }));
  }
}
function buildLinkIndexArbitrary(arity, strategy, currentIndexIfSameType, countInTargetType, currentEntityDepth) {
  const linkArbitrary = produceLinkUnitaryIndexArbitrary(strategy, currentIndexIfSameType, countInTargetType);
  switch (arity) {
    case "0-1":
      return option(linkArbitrary, {
        nil: void 0,
        depthIdentifier: currentEntityDepth
      });
    case "1":
      return linkArbitrary;
    case "many": {
      let randomUnicity = 0;
      return option(uniqueArray(linkArbitrary, {
        depthIdentifier: currentEntityDepth,
        selector: (v) => v === countInTargetType ? v + ++randomUnicity : v,
        minLength: 1
      }), {
        nil: [],
        depthIdentifier: currentEntityDepth
      }).map((values) => {
        let offset = 0;
        return safeMap(values, (v) => v === countInTargetType ? v + offset++ : v);
      });
    }
  }
}
function createEmptyLinksInstanceFor(relations, targetType) {
  const emptyLinksInstance = safeObjectCreate$3(null);
  const relationsForType = relations[targetType];
  for (const name in relationsForType) {
    const relation = relationsForType[name];
    if (relation.arity === "inverse") emptyLinksInstance[name] = {
      type: relation.type,
      index: []
    };
  }
  return emptyLinksInstance;
}
function assertAcceptableRelations(relations) {
  const nonExclusiveEntities = new SSet();
  const exclusiveEntities = new SSet();
  for (const name in relations) {
    const relationsForName = relations[name];
    for (const fieldName in relationsForName) {
      const relation = relationsForName[fieldName];
      if (relation.arity === "inverse") continue;
      if (relation.strategy === "exclusive") {
        if (safeHas(nonExclusiveEntities, relation.type)) throw new SError(`Cannot mix exclusive with other strategies for type ${SString(relation.type)}`);
        safeAdd(exclusiveEntities, relation.type);
      } else {
        if (safeHas(exclusiveEntities, relation.type)) throw new SError(`Cannot mix exclusive with other strategies for type ${SString(relation.type)}`);
        safeAdd(nonExclusiveEntities, relation.type);
      }
      if (relation.strategy === "successor" && relation.type !== name) throw new SError(`Cannot mix types for the strategy successor`);
      if (relation.strategy === "successor" && relation.arity === "1") throw new SError(`Cannot use an arity of 1 for the strategy successor`);
    }
  }
}
function draftNextProductionState(state2, offset) {
  const { producedLinks, toBeProducedEntities } = state2;
  const nextIndex = state2.nextIndex + offset;
  const newProducedLinks = safeObjectAssign(safeObjectCreate$3(null), producedLinks);
  function getOrCreateProducedLinksFor(type) {
    if (newProducedLinks[type] === producedLinks[type]) newProducedLinks[type] = safeSlice(producedLinks[type]);
    return newProducedLinks[type];
  }
  function getOrCreateLinksFor(type, indexInType) {
    const producedLinksForType = getOrCreateProducedLinksFor(type);
    if (producedLinksForType[indexInType] === producedLinks[type][indexInType]) producedLinksForType[indexInType] = safeObjectAssign(safeObjectCreate$3(null), producedLinks[type][indexInType]);
    return producedLinksForType[indexInType];
  }
  function getOrCreateRelationFor(type, indexInType, property2) {
    const links = getOrCreateLinksFor(type, indexInType);
    const originalEntity = producedLinks[type][indexInType];
    if (originalEntity !== void 0 && links[property2] === originalEntity[property2]) {
      const sharedRelation = links[property2];
      links[property2] = {
        type: sharedRelation.type,
        index: typeof sharedRelation.index === "object" ? safeSlice(sharedRelation.index) : sharedRelation.index
      };
    }
    return links[property2];
  }
  let newToBeProducedEntities = void 0;
  const toBeProduced = toBeProducedEntities[nextIndex];
  return {
    setOutboundLink: (name, value) => {
      const currentLinks = getOrCreateLinksFor(toBeProduced.type, toBeProduced.indexInType);
      currentLinks[name] = value;
    },
    enqueueNewEntity: (relations, targetType) => {
      const producedLinksInTargetType = getOrCreateProducedLinksFor(targetType);
      const newEntityIndexInType = producedLinksInTargetType.length;
      if (newToBeProducedEntities === void 0) newToBeProducedEntities = safeSlice(toBeProducedEntities);
      safePush(newToBeProducedEntities, {
        type: targetType,
        indexInType: newEntityIndexInType,
        depth: toBeProduced.depth + 1
      });
      safePush(producedLinksInTargetType, createEmptyLinksInstanceFor(relations, targetType));
      return newEntityIndexInType;
    },
    appendBackReference: (targetType, indexInType, property2) => {
      const knownInversedLinks = getOrCreateRelationFor(targetType, indexInType, property2).index;
      safePush(knownInversedLinks, toBeProduced.indexInType);
    },
    commit: () => ({
      producedLinks: newProducedLinks,
      toBeProducedEntities: newToBeProducedEntities !== void 0 ? newToBeProducedEntities : toBeProducedEntities,
      nextIndex: nextIndex + 1
    })
  };
}
function buildInitialProductionState(relations, defaultEntities) {
  const producedLinks = safeObjectCreate$3(null);
  for (const name in relations) producedLinks[name] = [];
  const toBeProducedEntities = [];
  for (const name of defaultEntities) {
    safePush(toBeProducedEntities, {
      type: name,
      indexInType: producedLinks[name].length,
      depth: 0
    });
    safePush(producedLinks[name], createEmptyLinksInstanceFor(relations, name));
  }
  return {
    producedLinks,
    toBeProducedEntities,
    nextIndex: 0
  };
}
function buildEntityStepArbitrary(relations, inversedRelations, lastState, offset) {
  const lastProducedLinks = lastState.producedLinks;
  const currentEntity = lastState.toBeProducedEntities[lastState.nextIndex + offset];
  const currentRelations = relations[currentEntity.type];
  const currentEntityDepth = createDepthIdentifier();
  currentEntityDepth.depth = currentEntity.depth;
  const subArbitraries = [];
  const linkContexts = [];
  for (const name in currentRelations) {
    const relation = currentRelations[name];
    if (relation.arity === "inverse") continue;
    const targetType = relation.type;
    const countInTargetType = lastProducedLinks[targetType].length;
    safePush(subArbitraries, buildLinkIndexArbitrary(relation.arity, relation.strategy || "any", targetType === currentEntity.type ? currentEntity.indexInType : void 0, countInTargetType, currentEntityDepth));
    safePush(linkContexts, {
      name,
      relation,
      sentinelLinkIndex: countInTargetType
    });
  }
  if (subArbitraries.length === 0) return;
  return tuple(...subArbitraries).map((results) => {
    const state2 = draftNextProductionState(lastState, offset);
    for (let resultIndex = 0; resultIndex !== results.length; ++resultIndex) {
      const linkOrLinks = results[resultIndex];
      const { name, relation, sentinelLinkIndex } = linkContexts[resultIndex];
      const effectiveLinks = [];
      const links = linkOrLinks === void 0 ? [] : typeof linkOrLinks === "number" ? [linkOrLinks] : linkOrLinks;
      for (const link of links) {
        let newEntityIndexInType;
        if (link >= sentinelLinkIndex) newEntityIndexInType = state2.enqueueNewEntity(relations, relation.type);
        else newEntityIndexInType = link;
        safePush(effectiveLinks, newEntityIndexInType);
        const inversed = safeMapGet(inversedRelations, relation);
        if (inversed !== void 0) state2.appendBackReference(relation.type, newEntityIndexInType, inversed.property);
      }
      state2.setOutboundLink(name, {
        type: relation.type,
        index: linkOrLinks === void 0 ? void 0 : typeof linkOrLinks === "number" ? effectiveLinks[0] : effectiveLinks
      });
    }
    return state2.commit();
  });
}
function onTheFlyLinksForEntityGraph(relations, defaultEntities) {
  assertAcceptableRelations(relations);
  const inversedRelations = buildInversedRelationsMapping(relations);
  return chainUntil(constant(buildInitialProductionState(relations, defaultEntities)), (state2) => {
    if (state2.nextIndex >= state2.toBeProducedEntities.length) return;
    let offset = 0;
    let next = void 0;
    while (next === void 0 && state2.nextIndex + offset < state2.toBeProducedEntities.length) {
      next = buildEntityStepArbitrary(relations, inversedRelations, state2, offset);
      offset += 1;
    }
    return next;
  }).map((state2) => {
    return state2.producedLinks;
  });
}
var safeObjectKeys$1 = Object.keys;
var safeObjectGetOwnPropertySymbols$1 = Object.getOwnPropertySymbols;
var safeObjectGetOwnPropertyDescriptor$1 = Object.getOwnPropertyDescriptor;
function extractEnumerableKeys(instance) {
  const keys = safeObjectKeys$1(instance);
  const symbols = safeObjectGetOwnPropertySymbols$1(instance);
  for (let index = 0; index !== symbols.length; ++index) {
    const symbol = symbols[index];
    const descriptor = safeObjectGetOwnPropertyDescriptor$1(instance, symbol);
    if (descriptor && descriptor.enumerable) keys.push(symbol);
  }
  return keys;
}
var safeObjectCreate$2 = Object.create;
var safeObjectDefineProperty = Object.defineProperty;
var safeObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
var safeObjectGetOwnPropertyNames = Object.getOwnPropertyNames;
var safeObjectGetOwnPropertySymbols = Object.getOwnPropertySymbols;
function buildValuesAndSeparateKeysToObjectMapper(keys, noKeyValue2) {
  return function valuesAndSeparateKeysToObjectMapper(definition) {
    const obj = definition[definition.length - 1] ? safeObjectCreate$2(null) : {};
    for (let idx = 0; idx !== keys.length; ++idx) {
      const valueWrapper = definition[idx];
      if (valueWrapper !== noKeyValue2) {
        const key = keys[idx];
        if (key === "__proto__") safeObjectDefineProperty(obj, key, {
          value: valueWrapper,
          configurable: true,
          enumerable: true,
          writable: true
        });
        else obj[key] = valueWrapper;
      }
    }
    return obj;
  };
}
function buildValuesAndSeparateKeysToObjectUnmapper(keys, noKeyValue2) {
  return function valuesAndSeparateKeysToObjectUnmapper(value) {
    if (typeof value !== "object" || value === null) throw new Error("Incompatible instance received: should be a non-null object");
    const hasNullPrototype = Object.getPrototypeOf(value) === null;
    const hasObjectPrototype = "constructor" in value && value.constructor === Object;
    if (!hasNullPrototype && !hasObjectPrototype) throw new Error("Incompatible instance received: should be of exact type Object");
    let extractedPropertiesCount = 0;
    const extractedValues = [];
    for (let idx = 0; idx !== keys.length; ++idx) {
      const descriptor = safeObjectGetOwnPropertyDescriptor(value, keys[idx]);
      if (descriptor !== void 0) {
        if (!descriptor.configurable || !descriptor.enumerable || !descriptor.writable) throw new Error("Incompatible instance received: should contain only c/e/w properties");
        if (descriptor.get !== void 0 || descriptor.set !== void 0) throw new Error("Incompatible instance received: should contain only no get/set properties");
        ++extractedPropertiesCount;
        safePush(extractedValues, descriptor.value);
      } else safePush(extractedValues, noKeyValue2);
    }
    const namePropertiesCount = safeObjectGetOwnPropertyNames(value).length;
    const symbolPropertiesCount = safeObjectGetOwnPropertySymbols(value).length;
    if (extractedPropertiesCount !== namePropertiesCount + symbolPropertiesCount) throw new Error("Incompatible instance received: should not contain extra properties");
    return [...extractedValues, hasNullPrototype];
  };
}
var noKeyValue = /* @__PURE__ */ Symbol("no-key");
function buildPartialRecordArbitrary(recordModel, requiredKeys, noNullPrototype) {
  const keys = extractEnumerableKeys(recordModel);
  const arbs = [];
  for (let index = 0; index !== keys.length; ++index) {
    const k = keys[index];
    const requiredArbitrary = recordModel[k];
    if (requiredKeys === void 0 || safeIndexOf(requiredKeys, k) !== -1) safePush(arbs, requiredArbitrary);
    else safePush(arbs, option(requiredArbitrary, { nil: noKeyValue }));
  }
  return tuple(...arbs, noNullPrototype ? constant(false) : boolean()).map(buildValuesAndSeparateKeysToObjectMapper(keys, noKeyValue), buildValuesAndSeparateKeysToObjectUnmapper(keys, noKeyValue));
}
function record(recordModel, constraints) {
  const noNullPrototype = constraints !== void 0 && !!constraints.noNullPrototype;
  if (constraints === void 0) return buildPartialRecordArbitrary(recordModel, void 0, noNullPrototype);
  if (!("requiredKeys" in constraints && constraints.requiredKeys !== void 0)) return buildPartialRecordArbitrary(recordModel, void 0, noNullPrototype);
  const requiredKeys = ("requiredKeys" in constraints ? constraints.requiredKeys : void 0) || [];
  for (let idx = 0; idx !== requiredKeys.length; ++idx) {
    const descriptor = Object.getOwnPropertyDescriptor(recordModel, requiredKeys[idx]);
    if (descriptor === void 0) throw new Error(`requiredKeys cannot reference keys that have not been defined in recordModel`);
    if (!descriptor.enumerable) throw new Error(`requiredKeys cannot reference keys that are not enumerable in recordModel`);
  }
  return buildPartialRecordArbitrary(recordModel, requiredKeys, noNullPrototype);
}
var safeObjectCreate$1 = Object.create;
function unlinkedEntitiesForEntityGraph(arbitraries, countFor, unicityConstraintsFor, constraints) {
  const recordModel = safeObjectCreate$1(null);
  for (const name in arbitraries) {
    const entityRecordModel = arbitraries[name];
    const entityArbitrary = record(entityRecordModel, constraints);
    const count2 = countFor(name);
    const unicityConstraints = unicityConstraintsFor(name);
    const arrayConstraints = {
      minLength: count2,
      maxLength: count2
    };
    recordModel[name] = unicityConstraints !== void 0 ? uniqueArray(entityArbitrary, {
      ...arrayConstraints,
      selector: unicityConstraints
    }) : array(entityArbitrary, arrayConstraints);
  }
  return record(recordModel);
}
var safeObjectCreate = Object.create;
var safeObjectKeys = Object.keys;
function entityGraph(arbitraries, relations, constraints = {}) {
  const allKeys = safeObjectKeys(arbitraries);
  const initialPoolConstraints = constraints.initialPoolConstraints || safeObjectCreate(null);
  const unicityConstraints = constraints.unicityConstraints || safeObjectCreate(null);
  const unlinkedContraints = { noNullPrototype: constraints.noNullPrototype };
  return initialPoolForEntityGraph(allKeys, initialPoolConstraints).chain((defaultEntities) => onTheFlyLinksForEntityGraph(relations, defaultEntities).chain((producedLinks) => unlinkedEntitiesForEntityGraph(arbitraries, (name) => producedLinks[name].length, (name) => unicityConstraints[name], unlinkedContraints).map((unlinkedEntities) => unlinkedToLinkedEntitiesMapper(unlinkedEntities, producedLinks))));
}
function wordsToJoinedStringMapper(words) {
  return safeJoin(safeMap(words, (w) => w[w.length - 1] === "," ? safeSubstring(w, 0, w.length - 1) : w), " ");
}
function wordsToJoinedStringUnmapperFor(wordsArbitrary) {
  return function wordsToJoinedStringUnmapper(value) {
    if (typeof value !== "string") throw new Error("Unsupported type");
    const words = [];
    for (const candidate of safeSplit(value, " ")) if (wordsArbitrary.canShrinkWithoutContext(candidate)) safePush(words, candidate);
    else if (wordsArbitrary.canShrinkWithoutContext(candidate + ",")) safePush(words, candidate + ",");
    else throw new Error("Unsupported word");
    return words;
  };
}
function wordsToSentenceMapper(words) {
  let sentence = safeJoin(words, " ");
  if (sentence[sentence.length - 1] === ",") sentence = safeSubstring(sentence, 0, sentence.length - 1);
  return safeToUpperCase(sentence[0]) + safeSubstring(sentence, 1) + ".";
}
function wordsToSentenceUnmapperFor(wordsArbitrary) {
  return function wordsToSentenceUnmapper(value) {
    if (typeof value !== "string") throw new Error("Unsupported type");
    if (value.length < 2 || value[value.length - 1] !== "." || value[value.length - 2] === "," || safeToUpperCase(safeToLowerCase(value[0])) !== value[0]) throw new Error("Unsupported value");
    const adaptedValue = safeToLowerCase(value[0]) + safeSubstring(value, 1, value.length - 1);
    const words = [];
    const candidates = safeSplit(adaptedValue, " ");
    for (let idx = 0; idx !== candidates.length; ++idx) {
      const candidate = candidates[idx];
      if (wordsArbitrary.canShrinkWithoutContext(candidate)) safePush(words, candidate);
      else if (idx === candidates.length - 1 && wordsArbitrary.canShrinkWithoutContext(candidate + ",")) safePush(words, candidate + ",");
      else throw new Error("Unsupported word");
    }
    return words;
  };
}
function sentencesToParagraphMapper(sentences) {
  return safeJoin(sentences, " ");
}
function sentencesToParagraphUnmapper(value) {
  if (typeof value !== "string") throw new Error("Unsupported type");
  const sentences = safeSplit(value, ". ");
  for (let idx = 0; idx < sentences.length - 1; ++idx) sentences[idx] += ".";
  return sentences;
}
var h = (v, w) => {
  return {
    arbitrary: constant(v),
    weight: w
  };
};
function loremWord() {
  return oneof(h("non", 6), h("adipiscing", 5), h("ligula", 5), h("enim", 5), h("pellentesque", 5), h("in", 5), h("augue", 5), h("et", 5), h("nulla", 5), h("lorem", 4), h("sit", 4), h("sed", 4), h("diam", 4), h("fermentum", 4), h("ut", 4), h("eu", 4), h("aliquam", 4), h("mauris", 4), h("vitae", 4), h("felis", 4), h("ipsum", 3), h("dolor", 3), h("amet,", 3), h("elit", 3), h("euismod", 3), h("mi", 3), h("orci", 3), h("erat", 3), h("praesent", 3), h("egestas", 3), h("leo", 3), h("vel", 3), h("sapien", 3), h("integer", 3), h("curabitur", 3), h("convallis", 3), h("purus", 3), h("risus", 2), h("suspendisse", 2), h("lectus", 2), h("nec,", 2), h("ultricies", 2), h("sed,", 2), h("cras", 2), h("elementum", 2), h("ultrices", 2), h("maecenas", 2), h("massa,", 2), h("varius", 2), h("a,", 2), h("semper", 2), h("proin", 2), h("nec", 2), h("nisl", 2), h("amet", 2), h("duis", 2), h("congue", 2), h("libero", 2), h("vestibulum", 2), h("pede", 2), h("blandit", 2), h("sodales", 2), h("ante", 2), h("nibh", 2), h("ac", 2), h("aenean", 2), h("massa", 2), h("suscipit", 2), h("sollicitudin", 2), h("fusce", 2), h("tempus", 2), h("aliquam,", 2), h("nunc", 2), h("ullamcorper", 2), h("rhoncus", 2), h("metus", 2), h("faucibus,", 2), h("justo", 2), h("magna", 2), h("at", 2), h("tincidunt", 2), h("consectetur", 1), h("tortor,", 1), h("dignissim", 1), h("congue,", 1), h("non,", 1), h("porttitor,", 1), h("nonummy", 1), h("molestie,", 1), h("est", 1), h("eleifend", 1), h("mi,", 1), h("arcu", 1), h("scelerisque", 1), h("vitae,", 1), h("consequat", 1), h("in,", 1), h("pretium", 1), h("volutpat", 1), h("pharetra", 1), h("tempor", 1), h("bibendum", 1), h("odio", 1), h("dui", 1), h("primis", 1), h("faucibus", 1), h("luctus", 1), h("posuere", 1), h("cubilia", 1), h("curae,", 1), h("hendrerit", 1), h("velit", 1), h("mauris,", 1), h("gravida", 1), h("ornare", 1), h("ut,", 1), h("pulvinar", 1), h("varius,", 1), h("turpis", 1), h("nibh,", 1), h("eros", 1), h("id", 1), h("aliquet", 1), h("quis", 1), h("lobortis", 1), h("consectetuer", 1), h("morbi", 1), h("vehicula", 1), h("tortor", 1), h("tellus,", 1), h("id,", 1), h("eu,", 1), h("quam", 1), h("feugiat,", 1), h("posuere,", 1), h("iaculis", 1), h("lectus,", 1), h("tristique", 1), h("mollis,", 1), h("nisl,", 1), h("vulputate", 1), h("sem", 1), h("vivamus", 1), h("placerat", 1), h("imperdiet", 1), h("cursus", 1), h("rutrum", 1), h("iaculis,", 1), h("augue,", 1), h("lacus", 1));
}
function lorem(constraints = {}) {
  const { maxCount, mode = "words", size } = constraints;
  if (maxCount !== void 0 && maxCount < 1) throw new Error(`lorem has to produce at least one word/sentence`);
  const wordArbitrary = loremWord();
  if (mode === "sentences") return array(array(wordArbitrary, {
    minLength: 1,
    size: "small"
  }).map(wordsToSentenceMapper, wordsToSentenceUnmapperFor(wordArbitrary)), {
    minLength: 1,
    maxLength: maxCount,
    size
  }).map(sentencesToParagraphMapper, sentencesToParagraphUnmapper);
  else return array(wordArbitrary, {
    minLength: 1,
    maxLength: maxCount,
    size
  }).map(wordsToJoinedStringMapper, wordsToJoinedStringUnmapperFor(wordArbitrary));
}
function arrayToMapMapper(data3) {
  return new Map(data3);
}
function arrayToMapUnmapper(value) {
  if (typeof value !== "object" || value === null) throw new Error("Incompatible instance received: should be a non-null object");
  if (!("constructor" in value) || value.constructor !== Map) throw new Error("Incompatible instance received: should be of exact type Map");
  return Array.from(value);
}
function mapKeyExtractor(entry) {
  return entry[0];
}
function map(keyArb, valueArb, constraints = {}) {
  return uniqueArray(tuple(keyArb, valueArb), {
    minLength: constraints.minKeys,
    maxLength: constraints.maxKeys,
    size: constraints.size,
    selector: mapKeyExtractor,
    depthIdentifier: constraints.depthIdentifier,
    comparator: "SameValueZero"
  }).map(arrayToMapMapper, arrayToMapUnmapper);
}
var contextRemainingDepth = 10;
function memo(builder) {
  const previous = {};
  return ((maxDepth) => {
    const n = maxDepth !== void 0 ? maxDepth : contextRemainingDepth;
    if (!safeHasOwnProperty(previous, n)) {
      const prev = contextRemainingDepth;
      contextRemainingDepth = n - 1;
      previous[n] = builder(n);
      contextRemainingDepth = prev;
    }
    return previous[n];
  });
}
function countToggledBits(n) {
  let count2 = 0;
  while (n > SBigInt2(0)) {
    if (n & SBigInt2(1)) ++count2;
    n >>= SBigInt2(1);
  }
  return count2;
}
function computeNextFlags(flags, nextSize) {
  const allowedMask = (SBigInt2(1) << SBigInt2(nextSize)) - SBigInt2(1);
  const preservedFlags = flags & allowedMask;
  let numMissingFlags = countToggledBits(flags - preservedFlags);
  let nFlags = preservedFlags;
  for (let mask = SBigInt2(1); mask <= allowedMask && numMissingFlags !== 0; mask <<= SBigInt2(1)) if (!(nFlags & mask)) {
    nFlags |= mask;
    --numMissingFlags;
  }
  return nFlags;
}
function computeTogglePositions(chars, toggleCase) {
  const positions = [];
  for (let idx = chars.length - 1; idx !== -1; --idx) if (toggleCase(chars[idx]) !== chars[idx]) safePush(positions, idx);
  return positions;
}
function computeFlagsFromChars(untoggledChars, toggledChars, togglePositions) {
  let flags = SBigInt2(0);
  for (let idx = 0, mask = SBigInt2(1); idx !== togglePositions.length; ++idx, mask <<= SBigInt2(1)) if (untoggledChars[togglePositions[idx]] !== toggledChars[togglePositions[idx]]) flags |= mask;
  return flags;
}
function applyFlagsOnChars(chars, flags, togglePositions, toggleCase) {
  for (let idx = 0, mask = SBigInt2(1); idx !== togglePositions.length; ++idx, mask <<= SBigInt2(1)) if (flags & mask) chars[togglePositions[idx]] = toggleCase(chars[togglePositions[idx]]);
}
var MixedCaseArbitrary = class extends Arbitrary {
  constructor(stringArb, toggleCase, untoggleAll) {
    super();
    this.stringArb = stringArb;
    this.toggleCase = toggleCase;
    this.untoggleAll = untoggleAll;
  }
  /**
  * Create a proper context
  * @param rawStringValue
  * @param flagsValue
  */
  buildContextFor(rawStringValue, flagsValue) {
    return {
      rawString: rawStringValue.value,
      rawStringContext: rawStringValue.context,
      flags: flagsValue.value,
      flagsContext: flagsValue.context
    };
  }
  generate(mrng, biasFactor) {
    const rawStringValue = this.stringArb.generate(mrng, biasFactor);
    const chars = [...rawStringValue.value];
    const togglePositions = computeTogglePositions(chars, this.toggleCase);
    const flagsValue = bigInt(SBigInt2(0), (SBigInt2(1) << SBigInt2(togglePositions.length)) - SBigInt2(1)).generate(mrng, void 0);
    applyFlagsOnChars(chars, flagsValue.value, togglePositions, this.toggleCase);
    return new Value(safeJoin(chars, ""), this.buildContextFor(rawStringValue, flagsValue));
  }
  canShrinkWithoutContext(value) {
    if (typeof value !== "string") return false;
    return this.untoggleAll !== void 0 ? this.stringArb.canShrinkWithoutContext(this.untoggleAll(value)) : this.stringArb.canShrinkWithoutContext(value);
  }
  shrink(value, context2) {
    let contextSafe;
    if (context2 !== void 0) contextSafe = context2;
    else if (this.untoggleAll !== void 0) {
      const untoggledValue = this.untoggleAll(value);
      const valueChars = [...value];
      const untoggledValueChars = [...untoggledValue];
      contextSafe = {
        rawString: untoggledValue,
        rawStringContext: void 0,
        flags: computeFlagsFromChars(untoggledValueChars, valueChars, computeTogglePositions(untoggledValueChars, this.toggleCase)),
        flagsContext: void 0
      };
    } else contextSafe = {
      rawString: value,
      rawStringContext: void 0,
      flags: SBigInt2(0),
      flagsContext: void 0
    };
    const rawString = contextSafe.rawString;
    const flags = contextSafe.flags;
    return this.stringArb.shrink(rawString, contextSafe.rawStringContext).map((nRawStringValue) => {
      const nChars = [...nRawStringValue.value];
      const nTogglePositions = computeTogglePositions(nChars, this.toggleCase);
      const nFlags = computeNextFlags(flags, nTogglePositions.length);
      applyFlagsOnChars(nChars, nFlags, nTogglePositions, this.toggleCase);
      return new Value(safeJoin(nChars, ""), this.buildContextFor(nRawStringValue, new Value(nFlags, void 0)));
    }).join(makeLazy(() => {
      const chars = [...rawString];
      const togglePositions = computeTogglePositions(chars, this.toggleCase);
      return bigInt(SBigInt2(0), (SBigInt2(1) << SBigInt2(togglePositions.length)) - SBigInt2(1)).shrink(flags, contextSafe.flagsContext).map((nFlagsValue) => {
        const nChars = safeSlice(chars);
        applyFlagsOnChars(nChars, nFlagsValue.value, togglePositions, this.toggleCase);
        return new Value(safeJoin(nChars, ""), this.buildContextFor(new Value(rawString, contextSafe.rawStringContext), nFlagsValue));
      });
    }));
  }
};
function defaultToggleCase(rawChar) {
  const upper = safeToUpperCase(rawChar);
  if (upper !== rawChar) return upper;
  return safeToLowerCase(rawChar);
}
function mixedCase(stringArb, constraints) {
  return new MixedCaseArbitrary(stringArb, constraints && constraints.toggleCase || defaultToggleCase, constraints && constraints.untoggleAll);
}
function toTypedMapper$1(data3) {
  return SFloat32Array.from(data3);
}
function fromTypedUnmapper$1(value) {
  if (!(value instanceof SFloat32Array)) throw new Error("Unexpected type");
  return [...value];
}
function float32Array(constraints = {}) {
  return array(float(constraints), constraints).map(toTypedMapper$1, fromTypedUnmapper$1);
}
function toTypedMapper(data3) {
  return SFloat64Array.from(data3);
}
function fromTypedUnmapper(value) {
  if (!(value instanceof SFloat64Array)) throw new Error("Unexpected type");
  return [...value];
}
function float64Array(constraints = {}) {
  return array(double(constraints), constraints).map(toTypedMapper, fromTypedUnmapper);
}
function typedIntArrayArbitraryArbitraryBuilder(constraints, defaultMin, defaultMax, TypedArrayClass, arbitraryBuilder) {
  const generatorName = TypedArrayClass.name;
  const { min: min2 = defaultMin, max: max2 = defaultMax, ...arrayConstraints } = constraints;
  if (min2 > max2) throw new Error(`Invalid range passed to ${generatorName}: min must be lower than or equal to max`);
  if (min2 < defaultMin) throw new Error(`Invalid min value passed to ${generatorName}: min must be greater than or equal to ${defaultMin}`);
  if (max2 > defaultMax) throw new Error(`Invalid max value passed to ${generatorName}: max must be lower than or equal to ${defaultMax}`);
  return array(arbitraryBuilder({
    min: min2,
    max: max2
  }), arrayConstraints).map((data3) => TypedArrayClass.from(data3), (value) => {
    if (!(value instanceof TypedArrayClass)) throw new Error("Invalid type");
    return [...value];
  });
}
function int16Array(constraints = {}) {
  return typedIntArrayArbitraryArbitraryBuilder(constraints, -32768, 32767, SInt16Array, integer);
}
function int32Array(constraints = {}) {
  return typedIntArrayArbitraryArbitraryBuilder(constraints, -2147483648, 2147483647, SInt32Array, integer);
}
function int8Array(constraints = {}) {
  return typedIntArrayArbitraryArbitraryBuilder(constraints, -128, 127, SInt8Array, integer);
}
function uint16Array(constraints = {}) {
  return typedIntArrayArbitraryArbitraryBuilder(constraints, 0, 65535, SUint16Array, integer);
}
function uint32Array(constraints = {}) {
  return typedIntArrayArbitraryArbitraryBuilder(constraints, 0, 4294967295, SUint32Array, integer);
}
function uint8Array(constraints = {}) {
  return typedIntArrayArbitraryArbitraryBuilder(constraints, 0, 255, SUint8Array, integer);
}
function uint8ClampedArray(constraints = {}) {
  return typedIntArrayArbitraryArbitraryBuilder(constraints, 0, 255, SUint8ClampedArray, integer);
}
function isSafeContext(context2) {
  return context2 !== void 0;
}
function toGeneratorValue(value) {
  if (value.hasToBeCloned) return new Value(value.value_, { generatorContext: value.context }, () => value.value);
  return new Value(value.value_, { generatorContext: value.context });
}
function toShrinkerValue(value) {
  if (value.hasToBeCloned) return new Value(value.value_, { shrinkerContext: value.context }, () => value.value);
  return new Value(value.value_, { shrinkerContext: value.context });
}
var WithShrinkFromOtherArbitrary = class extends Arbitrary {
  constructor(generatorArbitrary, shrinkerArbitrary) {
    super();
    this.generatorArbitrary = generatorArbitrary;
    this.shrinkerArbitrary = shrinkerArbitrary;
  }
  generate(mrng, biasFactor) {
    return toGeneratorValue(this.generatorArbitrary.generate(mrng, biasFactor));
  }
  canShrinkWithoutContext(value) {
    return this.shrinkerArbitrary.canShrinkWithoutContext(value);
  }
  shrink(value, context2) {
    if (!isSafeContext(context2)) return this.shrinkerArbitrary.shrink(value, void 0).map(toShrinkerValue);
    if ("generatorContext" in context2) return this.generatorArbitrary.shrink(value, context2.generatorContext).map(toGeneratorValue);
    return this.shrinkerArbitrary.shrink(value, context2.shrinkerContext).map(toShrinkerValue);
  }
};
function restrictedIntegerArbitraryBuilder(min2, maxGenerated, max2) {
  const generatorArbitrary = integer({
    min: min2,
    max: maxGenerated
  });
  if (maxGenerated === max2) return generatorArbitrary;
  return new WithShrinkFromOtherArbitrary(generatorArbitrary, integer({
    min: min2,
    max: max2
  }));
}
var safeMathMin$1 = Math.min;
var safeMathMax = Math.max;
var safeArrayIsArray$1 = SArray.isArray;
var safeObjectEntries = Object.entries;
function extractMaxIndex(indexesAndValues) {
  let maxIndex = -1;
  for (let index = 0; index !== indexesAndValues.length; ++index) maxIndex = safeMathMax(maxIndex, indexesAndValues[index][0]);
  return maxIndex;
}
function arrayFromItems(length, indexesAndValues) {
  const array2 = SArray(length);
  for (let index = 0; index !== indexesAndValues.length; ++index) {
    const it = indexesAndValues[index];
    if (it[0] < length) array2[it[0]] = it[1];
  }
  return array2;
}
function sparseArray(arb, constraints = {}) {
  const { size, minNumElements = 0, maxLength = MaxLengthUpperBound, maxNumElements = maxLength, noTrailingHole, depthIdentifier } = constraints;
  const maxGeneratedLength = maxGeneratedLengthFromSizeForArbitrary(size, maxGeneratedLengthFromSizeForArbitrary(size, minNumElements, maxNumElements, constraints.maxNumElements !== void 0), maxLength, constraints.maxLength !== void 0);
  if (minNumElements > maxLength) throw new Error(`The minimal number of non-hole elements cannot be higher than the maximal length of the array`);
  if (minNumElements > maxNumElements) throw new Error(`The minimal number of non-hole elements cannot be higher than the maximal number of non-holes`);
  const resultedMaxNumElements = safeMathMin$1(maxNumElements, maxLength);
  const resultedSizeMaxNumElements = constraints.maxNumElements !== void 0 || size !== void 0 ? size : "=";
  const sparseArrayNoTrailingHole = uniqueArray(tuple(restrictedIntegerArbitraryBuilder(0, safeMathMax(maxGeneratedLength - 1, 0), safeMathMax(maxLength - 1, 0)), arb), {
    size: resultedSizeMaxNumElements,
    minLength: minNumElements,
    maxLength: resultedMaxNumElements,
    selector: (item) => item[0],
    depthIdentifier
  }).map((items2) => {
    return arrayFromItems(extractMaxIndex(items2) + 1, items2);
  }, (value) => {
    if (!safeArrayIsArray$1(value)) throw new Error("Not supported entry type");
    if (noTrailingHole && value.length !== 0 && !(value.length - 1 in value)) throw new Error("No trailing hole");
    return safeMap(safeObjectEntries(value), (entry) => [Number(entry[0]), entry[1]]);
  });
  if (noTrailingHole || maxLength === minNumElements) return sparseArrayNoTrailingHole;
  return tuple(sparseArrayNoTrailingHole, restrictedIntegerArbitraryBuilder(minNumElements, maxGeneratedLength, maxLength)).map((data3) => {
    const sparse = data3[0];
    const targetLength = data3[1];
    if (sparse.length >= targetLength) return sparse;
    const longerSparse = safeSlice(sparse);
    longerSparse.length = targetLength;
    return longerSparse;
  }, (value) => {
    if (!safeArrayIsArray$1(value)) throw new Error("Not supported entry type");
    return [value, value.length];
  });
}
function arrayToSetMapper(data3) {
  return new Set(data3);
}
function arrayToSetUnmapper(value) {
  if (typeof value !== "object" || value === null) throw new Error("Incompatible instance received: should be a non-null object");
  if (!("constructor" in value) || value.constructor !== Set) throw new Error("Incompatible instance received: should be of exact type Set");
  return Array.from(value);
}
function set(arb, constraints = {}) {
  return uniqueArray(arb, {
    minLength: constraints.minLength,
    maxLength: constraints.maxLength,
    size: constraints.size,
    depthIdentifier: constraints.depthIdentifier,
    comparator: "SameValueZero"
  }).map(arrayToSetMapper, arrayToSetUnmapper);
}
function dictOf(ka, va, maxKeys, size, depthIdentifier, withNullPrototype) {
  return dictionary(ka, va, {
    maxKeys,
    noNullPrototype: !withNullPrototype,
    size,
    depthIdentifier
  });
}
function typedArray(constraints) {
  return oneof(int8Array(constraints), uint8Array(constraints), uint8ClampedArray(constraints), int16Array(constraints), uint16Array(constraints), int32Array(constraints), uint32Array(constraints), float32Array(constraints), float64Array(constraints));
}
function anyArbitraryBuilder(constraints) {
  const arbitrariesForBase = constraints.values;
  const depthSize = constraints.depthSize;
  const depthIdentifier = createDepthIdentifier();
  const maxDepth = constraints.maxDepth;
  const maxKeys = constraints.maxKeys;
  const size = constraints.size;
  const baseArb = oneof(...arbitrariesForBase, ...constraints.withBigInt ? [bigInt()] : [], ...constraints.withDate ? [date()] : []);
  return letrec((tie) => ({
    anything: oneof({
      maxDepth,
      depthSize,
      depthIdentifier
    }, baseArb, tie("array"), tie("object"), ...constraints.withMap ? [tie("map")] : [], ...constraints.withSet ? [tie("set")] : [], ...constraints.withObjectString ? [tie("anything").map((o) => stringify(o))] : [], ...constraints.withTypedArray ? [typedArray({
      maxLength: maxKeys,
      size
    })] : [], ...constraints.withSparseArray ? [sparseArray(tie("anything"), {
      maxNumElements: maxKeys,
      size,
      depthIdentifier
    })] : []),
    keys: constraints.withObjectString ? oneof({
      arbitrary: constraints.key,
      weight: 10
    }, {
      arbitrary: tie("anything").map((o) => stringify(o)),
      weight: 1
    }) : constraints.key,
    array: array(tie("anything"), {
      maxLength: maxKeys,
      size,
      depthIdentifier
    }),
    set: set(tie("anything"), {
      maxLength: maxKeys,
      size,
      depthIdentifier
    }),
    map: oneof(map(tie("keys"), tie("anything"), {
      maxKeys,
      size,
      depthIdentifier
    }), map(tie("anything"), tie("anything"), {
      maxKeys,
      size,
      depthIdentifier
    })),
    object: dictOf(tie("keys"), tie("anything"), maxKeys, size, depthIdentifier, constraints.withNullPrototype)
  })).anything;
}
function unboxedToBoxedMapper(value) {
  switch (typeof value) {
    case "boolean":
      return new SBoolean(value);
    case "number":
      return new SNumber(value);
    case "string":
      return new SString(value);
    default:
      return value;
  }
}
function unboxedToBoxedUnmapper(value) {
  if (typeof value !== "object" || value === null || !("constructor" in value)) return value;
  return value.constructor === SBoolean || value.constructor === SNumber || value.constructor === SString ? value.valueOf() : value;
}
function boxedArbitraryBuilder(arb) {
  return arb.map(unboxedToBoxedMapper, unboxedToBoxedUnmapper);
}
function defaultValues(constraints, stringArbitrary) {
  return [
    boolean(),
    maxSafeInteger(),
    double(),
    stringArbitrary(constraints),
    oneof(stringArbitrary(constraints), constant(null), constant(void 0))
  ];
}
function boxArbitraries(arbs) {
  return arbs.map((arb) => boxedArbitraryBuilder(arb));
}
function boxArbitrariesIfNeeded(arbs, boxEnabled) {
  return boxEnabled ? boxArbitraries(arbs).concat(arbs) : arbs;
}
function toQualifiedObjectConstraints(settings = {}) {
  const valueConstraints = {
    size: settings.size,
    unit: "stringUnit" in settings ? settings.stringUnit : settings.withUnicodeString ? "binary" : void 0
  };
  return {
    key: settings.key !== void 0 ? settings.key : string(valueConstraints),
    values: boxArbitrariesIfNeeded(settings.values !== void 0 ? settings.values : defaultValues(valueConstraints, string), settings.withBoxedValues === true),
    depthSize: settings.depthSize,
    maxDepth: settings.maxDepth,
    maxKeys: settings.maxKeys,
    size: settings.size,
    withSet: settings.withSet === true,
    withMap: settings.withMap === true,
    withObjectString: settings.withObjectString === true,
    withNullPrototype: settings.withNullPrototype === true,
    withBigInt: settings.withBigInt === true,
    withDate: settings.withDate === true,
    withTypedArray: settings.withTypedArray === true,
    withSparseArray: settings.withSparseArray === true
  };
}
function objectInternal(constraints) {
  return dictionary(constraints.key, anyArbitraryBuilder(constraints), {
    maxKeys: constraints.maxKeys,
    noNullPrototype: !constraints.withNullPrototype,
    size: constraints.size
  });
}
function object(constraints) {
  return objectInternal(toQualifiedObjectConstraints(constraints));
}
function jsonConstraintsBuilder(stringArbitrary, constraints) {
  const { depthSize, maxDepth } = constraints;
  return {
    key: stringArbitrary,
    values: [
      boolean(),
      double({
        noDefaultInfinity: true,
        noNaN: true
      }),
      stringArbitrary,
      constant(null)
    ],
    depthSize,
    maxDepth
  };
}
function anything(constraints) {
  return anyArbitraryBuilder(toQualifiedObjectConstraints(constraints));
}
function jsonValue(constraints = {}) {
  const noUnicodeString = constraints.noUnicodeString === void 0 || constraints.noUnicodeString === true;
  return anything(jsonConstraintsBuilder("stringUnit" in constraints ? string({ unit: constraints.stringUnit }) : noUnicodeString ? string() : string({ unit: "binary" }), constraints));
}
var safeJsonStringify = JSON.stringify;
var safeJsonParse = JSON.parse;
function jsonStringUnmapper(value) {
  if (typeof value !== "string") throw new SError("Cannot unmap the passed value");
  return safeJsonParse(value);
}
function json(constraints = {}) {
  return jsonValue(constraints).map(safeJsonStringify, jsonStringUnmapper);
}
var safeObjectDefineProperties = Object.defineProperties;
function prettyPrint(numSeen, seenValuesStrings) {
  return `Stream(${seenValuesStrings !== void 0 ? `${safeJoin(seenValuesStrings, ",")}\u2026` : `${numSeen} emitted`})`;
}
var StreamArbitrary = class extends Arbitrary {
  constructor(arb, history) {
    super();
    this.arb = arb;
    this.history = history;
  }
  generate(mrng, biasFactor) {
    const appliedBiasFactor = biasFactor !== void 0 && mrng.nextInt(1, biasFactor) === 1 ? biasFactor : void 0;
    const enrichedProducer = () => {
      const seenValues = this.history ? [] : null;
      let numSeenValues = 0;
      const g = function* (arb, clonedMrng) {
        while (true) {
          const value = arb.generate(clonedMrng, appliedBiasFactor).value;
          numSeenValues++;
          if (seenValues !== null) safePush(seenValues, value);
          yield value;
        }
      };
      const s = new Stream(g(this.arb, mrng.clone()));
      return safeObjectDefineProperties(s, {
        toString: { value: () => prettyPrint(numSeenValues, seenValues !== null ? seenValues.map(stringify) : void 0) },
        [toStringMethod]: { value: () => prettyPrint(numSeenValues, seenValues !== null ? seenValues.map(stringify) : void 0) },
        [asyncToStringMethod]: { value: async () => prettyPrint(numSeenValues, seenValues !== null ? await Promise.all(seenValues.map(asyncStringify)) : void 0) },
        [cloneMethod]: {
          value: enrichedProducer,
          enumerable: true
        }
      });
    };
    return new Value(enrichedProducer(), void 0);
  }
  canShrinkWithoutContext(_value) {
    return false;
  }
  shrink(_value, _context) {
    return Stream.nil();
  }
};
function infiniteStream(arb, constraints) {
  return new StreamArbitrary(arb, constraints !== void 0 && typeof constraints === "object" && "noHistory" in constraints ? !constraints.noHistory : true);
}
function codePointsToStringMapper(tab) {
  return safeJoin(tab, "");
}
function codePointsToStringUnmapper(value) {
  if (typeof value !== "string") throw new Error("Cannot unmap the passed value");
  return [...value];
}
function stringToBase64Mapper(s) {
  switch (s.length % 4) {
    case 0:
      return s;
    case 3:
      return `${s}=`;
    case 2:
      return `${s}==`;
    default:
      return safeSubstring(s, 1);
  }
}
function stringToBase64Unmapper(value) {
  if (typeof value !== "string" || value.length % 4 !== 0) throw new Error("Invalid string received");
  const lastTrailingIndex = value.indexOf("=");
  if (lastTrailingIndex === -1) return value;
  if (value.length - lastTrailingIndex > 2) throw new Error("Cannot unmap the passed value");
  return safeSubstring(value, 0, lastTrailingIndex);
}
var safeStringFromCharCode = String.fromCharCode;
function base64Mapper(v) {
  if (v < 26) return safeStringFromCharCode(v + 65);
  if (v < 52) return safeStringFromCharCode(v + 97 - 26);
  if (v < 62) return safeStringFromCharCode(v + 48 - 52);
  return v === 62 ? "+" : "/";
}
function base64Unmapper(s) {
  if (typeof s !== "string" || s.length !== 1) throw new SError("Invalid entry");
  const v = safeCharCodeAt(s, 0);
  if (v >= 65 && v <= 90) return v - 65;
  if (v >= 97 && v <= 122) return v - 97 + 26;
  if (v >= 48 && v <= 57) return v - 48 + 52;
  return v === 43 ? 62 : v === 47 ? 63 : -1;
}
function base64() {
  return integer({
    min: 0,
    max: 63
  }).map(base64Mapper, base64Unmapper);
}
function base64String(constraints = {}) {
  const { minLength: unscaledMinLength = 0, maxLength: unscaledMaxLength = MaxLengthUpperBound, size } = constraints;
  const minLength = unscaledMinLength + 3 - (unscaledMinLength + 3) % 4;
  const maxLength = unscaledMaxLength - unscaledMaxLength % 4;
  const requestedSize = constraints.maxLength === void 0 && size === void 0 ? "=" : size;
  if (minLength > maxLength) throw new SError("Minimal length should be inferior or equal to maximal length");
  if (minLength % 4 !== 0) throw new SError("Minimal length of base64 strings must be a multiple of 4");
  if (maxLength % 4 !== 0) throw new SError("Maximal length of base64 strings must be a multiple of 4");
  const charArbitrary = base64();
  return array(charArbitrary, {
    minLength,
    maxLength,
    size: requestedSize,
    experimentalCustomSlices: createSlicesForStringLegacy(charArbitrary, codePointsToStringUnmapper)
  }).map(codePointsToStringMapper, codePointsToStringUnmapper).map(stringToBase64Mapper, stringToBase64Unmapper);
}
var safeObjectIs = Object.is;
function isSubarrayOf(source, small) {
  const countMap = new SMap$2();
  let countMinusZero = 0;
  for (const sourceEntry of source) if (safeObjectIs(sourceEntry, -0)) ++countMinusZero;
  else safeMapSet(countMap, sourceEntry, (safeMapGet(countMap, sourceEntry) || 0) + 1);
  for (let index = 0; index !== small.length; ++index) {
    if (!(index in small)) return false;
    const smallEntry = small[index];
    if (safeObjectIs(smallEntry, -0)) {
      if (countMinusZero === 0) return false;
      --countMinusZero;
    } else {
      const oldCount = safeMapGet(countMap, smallEntry) || 0;
      if (oldCount === 0) return false;
      safeMapSet(countMap, smallEntry, oldCount - 1);
    }
  }
  return true;
}
var safeMathFloor$1 = Math.floor;
var safeMathLog = Math.log;
var safeArrayIsArray = Array.isArray;
var SubarrayArbitrary = class extends Arbitrary {
  constructor(originalArray, isOrdered, minLength, maxLength) {
    super();
    this.originalArray = originalArray;
    this.isOrdered = isOrdered;
    this.minLength = minLength;
    this.maxLength = maxLength;
    if (minLength < 0 || minLength > originalArray.length) throw new Error("fc.*{s|S}ubarrayOf expects the minimal length to be between 0 and the size of the original array");
    if (maxLength < 0 || maxLength > originalArray.length) throw new Error("fc.*{s|S}ubarrayOf expects the maximal length to be between 0 and the size of the original array");
    if (minLength > maxLength) throw new Error("fc.*{s|S}ubarrayOf expects the minimal length to be inferior or equal to the maximal length");
    this.lengthArb = new IntegerArbitrary(minLength, maxLength);
    this.biasedLengthArb = minLength !== maxLength ? new IntegerArbitrary(minLength, minLength + safeMathFloor$1(safeMathLog(maxLength - minLength) / safeMathLog(2))) : this.lengthArb;
  }
  generate(mrng, biasFactor) {
    const size = (biasFactor !== void 0 && mrng.nextInt(1, biasFactor) === 1 ? this.biasedLengthArb : this.lengthArb).generate(mrng, void 0);
    const sizeValue = size.value;
    const remainingElements = safeMap(this.originalArray, (_v, idx) => idx);
    const ids = [];
    for (let index = 0; index !== sizeValue; ++index) {
      const selectedIdIndex = mrng.nextInt(0, remainingElements.length - 1);
      safePush(ids, remainingElements[selectedIdIndex]);
      safeSplice(remainingElements, selectedIdIndex, 1);
    }
    if (this.isOrdered) safeSort(ids, (a, b) => a - b);
    return new Value(safeMap(ids, (i) => this.originalArray[i]), size.context);
  }
  canShrinkWithoutContext(value) {
    if (!safeArrayIsArray(value)) return false;
    if (!this.lengthArb.canShrinkWithoutContext(value.length)) return false;
    return isSubarrayOf(this.originalArray, value);
  }
  shrink(value, context2) {
    if (value.length === 0) return Stream.nil();
    return this.lengthArb.shrink(value.length, context2).map((newSize) => {
      return new Value(safeSlice(value, value.length - newSize.value), newSize.context);
    }).join(value.length > this.minLength ? makeLazy(() => this.shrink(safeSlice(value, 1), void 0).filter((newValue) => this.minLength <= newValue.value.length + 1).map((newValue) => new Value([value[0], ...newValue.value], void 0))) : Stream.nil());
  }
};
function subarray(originalArray, constraints = {}) {
  const { minLength = 0, maxLength = originalArray.length } = constraints;
  return new SubarrayArbitrary(originalArray, true, minLength, maxLength);
}
function shuffledSubarray(originalArray, constraints = {}) {
  const { minLength = 0, maxLength = originalArray.length } = constraints;
  return new SubarrayArbitrary(originalArray, false, minLength, maxLength);
}
var encodeSymbolLookupTable = {
  10: "A",
  11: "B",
  12: "C",
  13: "D",
  14: "E",
  15: "F",
  16: "G",
  17: "H",
  18: "J",
  19: "K",
  20: "M",
  21: "N",
  22: "P",
  23: "Q",
  24: "R",
  25: "S",
  26: "T",
  27: "V",
  28: "W",
  29: "X",
  30: "Y",
  31: "Z"
};
var decodeSymbolLookupTable = {
  "0": 0,
  "1": 1,
  "2": 2,
  "3": 3,
  "4": 4,
  "5": 5,
  "6": 6,
  "7": 7,
  "8": 8,
  "9": 9,
  A: 10,
  B: 11,
  C: 12,
  D: 13,
  E: 14,
  F: 15,
  G: 16,
  H: 17,
  J: 18,
  K: 19,
  M: 20,
  N: 21,
  P: 22,
  Q: 23,
  R: 24,
  S: 25,
  T: 26,
  V: 27,
  W: 28,
  X: 29,
  Y: 30,
  Z: 31
};
function encodeSymbol(symbol) {
  return symbol < 10 ? SString(symbol) : encodeSymbolLookupTable[symbol];
}
function pad(value, paddingLength) {
  let extraPadding = "";
  while (value.length + extraPadding.length < paddingLength) extraPadding += "0";
  return extraPadding + value;
}
function smallUintToBase32StringMapper(num2) {
  let base32Str = "";
  for (let remaining = num2; remaining !== 0; ) {
    const next = remaining >> 5;
    base32Str = encodeSymbol(remaining - (next << 5)) + base32Str;
    remaining = next;
  }
  return base32Str;
}
function uintToBase32StringMapper(num2, paddingLength) {
  const head = ~~(num2 / 1073741824);
  const tail = num2 & 1073741823;
  return pad(smallUintToBase32StringMapper(head), paddingLength - 6) + pad(smallUintToBase32StringMapper(tail), 6);
}
function paddedUintToBase32StringMapper(paddingLength) {
  return function padded(num2) {
    return uintToBase32StringMapper(num2, paddingLength);
  };
}
function uintToBase32StringUnmapper(value) {
  if (typeof value !== "string") throw new SError("Unsupported type");
  let accumulated = 0;
  let power = 1;
  for (let index = value.length - 1; index >= 0; --index) {
    const char = value[index];
    const numericForChar = decodeSymbolLookupTable[char];
    if (numericForChar === void 0) throw new SError("Unsupported type");
    accumulated += numericForChar * power;
    power *= 32;
  }
  return accumulated;
}
var padded10Mapper = paddedUintToBase32StringMapper(10);
var padded8Mapper = paddedUintToBase32StringMapper(8);
function ulidMapper(parts) {
  return padded10Mapper(parts[0]) + padded8Mapper(parts[1]) + padded8Mapper(parts[2]);
}
function ulidUnmapper(value) {
  if (typeof value !== "string" || value.length !== 26) throw new Error("Unsupported type");
  return [
    uintToBase32StringUnmapper(value.slice(0, 10)),
    uintToBase32StringUnmapper(value.slice(10, 18)),
    uintToBase32StringUnmapper(value.slice(18))
  ];
}
function ulid() {
  return tuple(integer({
    min: 0,
    max: 281474976710655
  }), integer({
    min: 0,
    max: 1099511627775
  }), integer({
    min: 0,
    max: 1099511627775
  })).map(ulidMapper, ulidUnmapper);
}
function numberToPaddedEightMapper(n) {
  return safePadStart(safeNumberToString(n, 16), 8, "0");
}
function numberToPaddedEightUnmapper(value) {
  if (typeof value !== "string") throw new Error("Unsupported type");
  if (value.length !== 8) throw new Error("Unsupported value: invalid length");
  const n = parseInt(value, 16);
  if (value !== numberToPaddedEightMapper(n)) throw new Error("Unsupported value: invalid content");
  return n;
}
function buildPaddedNumberArbitrary(min2, max2) {
  return integer({
    min: min2,
    max: max2
  }).map(numberToPaddedEightMapper, numberToPaddedEightUnmapper);
}
function paddedEightsToUuidMapper(t) {
  return `${t[0]}-${safeSubstring(t[1], 4)}-${safeSubstring(t[1], 0, 4)}-${safeSubstring(t[2], 0, 4)}-${safeSubstring(t[2], 4)}${t[3]}`;
}
var UuidRegex = /^([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})$/;
function paddedEightsToUuidUnmapper(value) {
  if (typeof value !== "string") throw new Error("Unsupported type");
  const m = UuidRegex.exec(value);
  if (m === null) throw new Error("Unsupported type");
  return [
    m[1],
    m[3] + m[2],
    m[4] + safeSubstring(m[5], 0, 4),
    safeSubstring(m[5], 4)
  ];
}
var quickNumberToHexaString = "0123456789abcdef";
function buildVersionsAppliersForUuid(versions) {
  const mapping = {};
  const reversedMapping = {};
  for (let index = 0; index !== versions.length; ++index) {
    const from = quickNumberToHexaString[index];
    const to = quickNumberToHexaString[versions[index]];
    mapping[from] = to;
    reversedMapping[to] = from;
  }
  function versionsApplierMapper(value) {
    return mapping[value[0]] + safeSubstring(value, 1);
  }
  function versionsApplierUnmapper(value) {
    if (typeof value !== "string") throw new SError("Cannot produce non-string values");
    const rev = reversedMapping[value[0]];
    if (rev === void 0) throw new SError("Cannot produce strings not starting by the version in hexa code");
    return rev + safeSubstring(value, 1);
  }
  return {
    versionsApplierMapper,
    versionsApplierUnmapper
  };
}
function assertValidVersions(versions) {
  const found = {};
  for (const version of versions) {
    if (found[version]) throw new SError(`Version ${version} has been requested at least twice for uuid`);
    found[version] = true;
    if (version < 1 || version > 15) throw new SError(`Version must be a value in [1-15] for uuid, but received ${version}`);
    if (~~version !== version) throw new SError(`Version must be an integer value for uuid, but received ${version}`);
  }
  if (versions.length === 0) throw new SError(`Must provide at least one version for uuid`);
}
function uuid(constraints = {}) {
  const padded = buildPaddedNumberArbitrary(0, 4294967295);
  const version = constraints.version !== void 0 ? typeof constraints.version === "number" ? [constraints.version] : constraints.version : [
    1,
    2,
    3,
    4,
    5,
    6,
    7,
    8
  ];
  assertValidVersions(version);
  const { versionsApplierMapper, versionsApplierUnmapper } = buildVersionsAppliersForUuid(version);
  return tuple(padded, buildPaddedNumberArbitrary(0, 268435456 * version.length - 1).map(versionsApplierMapper, versionsApplierUnmapper), buildPaddedNumberArbitrary(2147483648, 3221225471), padded).map(paddedEightsToUuidMapper, paddedEightsToUuidUnmapper);
}
function hostUserInfo(size) {
  return string({
    unit: getOrCreateAlphaNumericPercentArbitrary("-._~!$&'()*+,;=:"),
    size
  });
}
function userHostPortMapper([u, h2, p]) {
  return (u === null ? "" : `${u}@`) + h2 + (p === null ? "" : `:${p}`);
}
function userHostPortUnmapper(value) {
  if (typeof value !== "string") throw new Error("Unsupported");
  const atPosition = value.indexOf("@");
  const user = atPosition !== -1 ? value.substring(0, atPosition) : null;
  const m = /:(\d+)$/.exec(value);
  const port = m !== null ? Number(m[1]) : null;
  return [
    user,
    m !== null ? value.substring(atPosition + 1, value.length - m[1].length - 1) : value.substring(atPosition + 1),
    port
  ];
}
function bracketedMapper(s) {
  return `[${s}]`;
}
function bracketedUnmapper(value) {
  if (typeof value !== "string" || value[0] !== "[" || value[value.length - 1] !== "]") throw new Error("Unsupported");
  return value.substring(1, value.length - 1);
}
function webAuthority(constraints) {
  const c = constraints || {};
  const size = c.size;
  const hostnameArbs = [
    domain({ size }),
    ...c.withIPv4 === true ? [ipV4()] : [],
    ...c.withIPv6 === true ? [ipV6().map(bracketedMapper, bracketedUnmapper)] : [],
    ...c.withIPv4Extended === true ? [ipV4Extended()] : []
  ];
  return tuple(c.withUserInfo === true ? option(hostUserInfo(size)) : constant(null), oneof(...hostnameArbs), c.withPort === true ? option(nat(65535)) : constant(null)).map(userHostPortMapper, userHostPortUnmapper);
}
function buildUriQueryOrFragmentArbitrary(size) {
  return string({
    unit: getOrCreateAlphaNumericPercentArbitrary("-._~!$&'()*+,;=:@/?"),
    size
  });
}
function webFragments(constraints = {}) {
  return buildUriQueryOrFragmentArbitrary(constraints.size);
}
function webSegment(constraints = {}) {
  return string({
    unit: getOrCreateAlphaNumericPercentArbitrary("-._~!$&'()*+,;=:@"),
    size: constraints.size
  });
}
function segmentsToPathMapper(segments) {
  let path = "";
  for (let index = 0; index !== segments.length; ++index) path += "/" + segments[index];
  return path;
}
function segmentsToPathUnmapper(value) {
  if (typeof value !== "string") throw new Error("Incompatible value received: type");
  if (value.length !== 0 && value[0] !== "/") throw new Error("Incompatible value received: start");
  return safeSplice(safeSplit(value, "/"), 1);
}
function sqrtSize(size) {
  switch (size) {
    case "xsmall":
      return ["xsmall", "xsmall"];
    case "small":
      return ["small", "xsmall"];
    case "medium":
      return ["small", "small"];
    case "large":
      return ["medium", "small"];
    case "xlarge":
      return ["medium", "medium"];
  }
}
function buildUriPathArbitraryInternal(segmentSize, numSegmentSize) {
  return array(webSegment({ size: segmentSize }), { size: numSegmentSize }).map(segmentsToPathMapper, segmentsToPathUnmapper);
}
function buildUriPathArbitrary(resolvedSize) {
  const [segmentSize, numSegmentSize] = sqrtSize(resolvedSize);
  if (segmentSize === numSegmentSize) return buildUriPathArbitraryInternal(segmentSize, numSegmentSize);
  return oneof(buildUriPathArbitraryInternal(segmentSize, numSegmentSize), buildUriPathArbitraryInternal(numSegmentSize, segmentSize));
}
function webPath(constraints) {
  return buildUriPathArbitrary(resolveSize((constraints || {}).size));
}
function webQueryParameters(constraints = {}) {
  return buildUriQueryOrFragmentArbitrary(constraints.size);
}
function partsToUrlMapper(data3) {
  const [scheme, authority, path] = data3;
  return `${scheme}://${authority}${path}${data3[3] === null ? "" : `?${data3[3]}`}${data3[4] === null ? "" : `#${data3[4]}`}`;
}
var UrlSplitRegex = /^([[A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(\?[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]*)?(#[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]*)?$/;
function partsToUrlUnmapper(value) {
  if (typeof value !== "string") throw new Error("Incompatible value received: type");
  const m = UrlSplitRegex.exec(value);
  if (m === null) throw new Error("Incompatible value received");
  const scheme = m[1];
  const authority = m[2];
  const path = m[3];
  const query = m[4];
  const fragments = m[5];
  return [
    scheme,
    authority,
    path,
    query !== void 0 ? query.substring(1) : null,
    fragments !== void 0 ? fragments.substring(1) : null
  ];
}
function webUrl(constraints) {
  const c = constraints || {};
  const resolvedSize = resolveSize(c.size);
  const resolvedAuthoritySettingsSize = c.authoritySettings !== void 0 && c.authoritySettings.size !== void 0 ? relativeSizeToSize(c.authoritySettings.size, resolvedSize) : resolvedSize;
  const resolvedAuthoritySettings = {
    ...c.authoritySettings,
    size: resolvedAuthoritySettingsSize
  };
  return tuple(constantFrom(...c.validSchemes || ["http", "https"]), webAuthority(resolvedAuthoritySettings), webPath({ size: resolvedSize }), c.withQueryParameters === true ? option(webQueryParameters({ size: resolvedSize })) : constant(null), c.withFragments === true ? option(webFragments({ size: resolvedSize })) : constant(null)).map(partsToUrlMapper, partsToUrlUnmapper);
}
var CommandsIterable = class CommandsIterable2 {
  constructor(commands2, metadataForReplay) {
    this.commands = commands2;
    this.metadataForReplay = metadataForReplay;
    this[cloneMethod] = function() {
      return new CommandsIterable2(this.commands.map((c) => c.clone()), this.metadataForReplay);
    };
  }
  [Symbol.iterator]() {
    return this.commands[Symbol.iterator]();
  }
  toString() {
    const serializedCommands = this.commands.filter((c) => c.hasRan).map((c) => c.toString()).join(",");
    const metadata = this.metadataForReplay();
    return metadata.length !== 0 ? `${serializedCommands} /*${metadata}*/` : serializedCommands;
  }
};
var CommandWrapper = class CommandWrapper2 {
  constructor(cmd) {
    this.cmd = cmd;
    this.hasRan = false;
    if (hasToStringMethod(cmd)) {
      const method = cmd[toStringMethod];
      this[toStringMethod] = function toStringMethod2() {
        return method.call(cmd);
      };
    }
    if (hasAsyncToStringMethod(cmd)) {
      const method = cmd[asyncToStringMethod];
      this[asyncToStringMethod] = function asyncToStringMethod2() {
        return method.call(cmd);
      };
    }
  }
  check(m) {
    return this.cmd.check(m);
  }
  run(m, r) {
    this.hasRan = true;
    return this.cmd.run(m, r);
  }
  clone() {
    if (hasCloneMethod(this.cmd)) return new CommandWrapper2(this.cmd[cloneMethod]());
    return new CommandWrapper2(this.cmd);
  }
  toString() {
    return this.cmd.toString();
  }
};
var ReplayPath = class {
  /** Parse a serialized replayPath */
  static parse(replayPathStr) {
    const [serializedCount, serializedChanges] = replayPathStr.split(":");
    const counts = this.parseCounts(serializedCount);
    const changes = this.parseChanges(serializedChanges);
    return this.parseOccurences(counts, changes);
  }
  /** Stringify a replayPath */
  static stringify(replayPath) {
    const occurences = this.countOccurences(replayPath);
    return `${this.stringifyCounts(occurences)}:${this.stringifyChanges(occurences)}`;
  }
  /** Number to Base64 value */
  static intToB64(n) {
    if (n < 26) return String.fromCharCode(n + 65);
    if (n < 52) return String.fromCharCode(n + 97 - 26);
    if (n < 62) return String.fromCharCode(n + 48 - 52);
    return String.fromCharCode(n === 62 ? 43 : 47);
  }
  /** Base64 value to number */
  static b64ToInt(c) {
    if (c >= "a") return c.charCodeAt(0) - 97 + 26;
    if (c >= "A") return c.charCodeAt(0) - 65;
    if (c >= "0") return c.charCodeAt(0) - 48 + 52;
    return c === "+" ? 62 : 63;
  }
  /**
  * Divide an incoming replayPath into an array of {value, count}
  * with count is the number of consecutive occurences of value (with a max set to 64)
  *
  * Above 64, another {value, count} is created
  */
  static countOccurences(replayPath) {
    return replayPath.reduce((counts, cur) => {
      if (counts.length === 0 || counts[counts.length - 1].count === 64 || counts[counts.length - 1].value !== cur) counts.push({
        value: cur,
        count: 1
      });
      else counts[counts.length - 1].count += 1;
      return counts;
    }, []);
  }
  /**
  * Serialize an array of {value, count} back to its replayPath
  */
  static parseOccurences(counts, changes) {
    const replayPath = [];
    for (let idx = 0; idx !== counts.length; ++idx) {
      const count2 = counts[idx];
      const value = changes[idx];
      for (let num2 = 0; num2 !== count2; ++num2) replayPath.push(value);
    }
    return replayPath;
  }
  /**
  * Stringify the switch from true to false of occurences
  *
  * {value: 0}, {value: 1}, {value: 1}, {value: 0}
  * will be stringified as: 6 = (1 * 0) + (2 * 1) + (4 * 1) + (8 * 0)
  *
  * {value: 0}, {value: 1}, {value: 1}, {value: 0}, {value: 1}, {value: 0}, {value: 1}, {value: 0}
  * will be stringified as: 22, 1 [only 6 values encoded in one number]
  */
  static stringifyChanges(occurences) {
    let serializedChanges = "";
    for (let idx = 0; idx < occurences.length; idx += 6) {
      const changesInt = occurences.slice(idx, idx + 6).reduceRight((prev, cur) => (prev << 1) + (cur.value ? 1 : 0), 0);
      serializedChanges += this.intToB64(changesInt);
    }
    return serializedChanges;
  }
  /**
  * Parse switch of value
  */
  static parseChanges(serializedChanges) {
    const changesInt = serializedChanges.split("").map((c) => this.b64ToInt(c));
    const changes = [];
    for (let idx = 0; idx !== changesInt.length; ++idx) {
      let current = changesInt[idx];
      for (let n = 0; n !== 6; ++n, current >>= 1) changes.push(current % 2 === 1);
    }
    return changes;
  }
  /**
  * Stringify counts of occurences
  */
  static stringifyCounts(occurences) {
    return occurences.map(({ count: count2 }) => this.intToB64(count2 - 1)).join("");
  }
  /**
  * Parse counts
  */
  static parseCounts(serializedCount) {
    return serializedCount.split("").map((c) => this.b64ToInt(c) + 1);
  }
};
var CommandsArbitrary = class extends Arbitrary {
  constructor(commandArbs, maxGeneratedCommands, maxCommands, sourceReplayPath, disableReplayLog) {
    super();
    this.sourceReplayPath = sourceReplayPath;
    this.disableReplayLog = disableReplayLog;
    this.oneCommandArb = oneof(...commandArbs).map((c) => new CommandWrapper(c));
    this.lengthArb = restrictedIntegerArbitraryBuilder(0, maxGeneratedCommands, maxCommands);
    this.replayPath = [];
    this.replayPathPosition = 0;
  }
  metadataForReplay() {
    return this.disableReplayLog ? "" : `replayPath=${JSON.stringify(ReplayPath.stringify(this.replayPath))}`;
  }
  buildValueFor(items2, shrunkOnce) {
    const commands2 = items2.map((item) => item.value_);
    const context2 = {
      shrunkOnce,
      items: items2
    };
    return new Value(new CommandsIterable(commands2, () => this.metadataForReplay()), context2);
  }
  generate(mrng) {
    const sizeValue = this.lengthArb.generate(mrng, void 0).value;
    const items2 = Array(sizeValue);
    for (let idx = 0; idx !== sizeValue; ++idx) {
      const item = this.oneCommandArb.generate(mrng, void 0);
      items2[idx] = item;
    }
    this.replayPathPosition = 0;
    return this.buildValueFor(items2, false);
  }
  canShrinkWithoutContext(_value) {
    return false;
  }
  /** Filter commands based on the real status of the execution */
  filterOnExecution(itemsRaw) {
    const items2 = [];
    for (const c of itemsRaw) if (c.value_.hasRan) {
      this.replayPath.push(true);
      items2.push(c);
    } else this.replayPath.push(false);
    return items2;
  }
  /** Filter commands based on the internal replay state */
  filterOnReplay(itemsRaw) {
    return itemsRaw.filter((c, idx) => {
      const state2 = this.replayPath[this.replayPathPosition + idx];
      if (state2 === void 0) throw new Error(`Too short replayPath`);
      if (!state2 && c.value_.hasRan) throw new Error(`Mismatch between replayPath and real execution`);
      return state2;
    });
  }
  /** Filter commands for shrinking purposes */
  filterForShrinkImpl(itemsRaw) {
    if (this.replayPathPosition === 0) this.replayPath = this.sourceReplayPath !== null ? ReplayPath.parse(this.sourceReplayPath) : [];
    const items2 = this.replayPathPosition < this.replayPath.length ? this.filterOnReplay(itemsRaw) : this.filterOnExecution(itemsRaw);
    this.replayPathPosition += itemsRaw.length;
    return items2;
  }
  shrink(_value, context2) {
    if (context2 === void 0) return Stream.nil();
    const safeContext = context2;
    const shrunkOnce = safeContext.shrunkOnce;
    const itemsRaw = safeContext.items;
    const items2 = this.filterForShrinkImpl(itemsRaw);
    if (items2.length === 0) return Stream.nil();
    const rootShrink = shrunkOnce ? Stream.nil() : new Stream([[]][Symbol.iterator]());
    const nextShrinks = [];
    for (let numToKeep = 0; numToKeep !== items2.length; ++numToKeep) nextShrinks.push(makeLazy(() => {
      const fixedStart = items2.slice(0, numToKeep);
      return this.lengthArb.shrink(items2.length - 1 - numToKeep, void 0).map((l) => fixedStart.concat(items2.slice(items2.length - (l.value + 1))));
    }));
    for (let itemAt = 0; itemAt !== items2.length; ++itemAt) nextShrinks.push(makeLazy(() => this.oneCommandArb.shrink(items2[itemAt].value_, items2[itemAt].context).map((v) => items2.slice(0, itemAt).concat([v], items2.slice(itemAt + 1)))));
    return rootShrink.join(...nextShrinks).map((shrinkables) => {
      return this.buildValueFor(shrinkables.map((c) => new Value(c.value_.clone(), c.context)), true);
    });
  }
};
function commands(commandArbs, constraints = {}) {
  const { size, maxCommands = MaxLengthUpperBound, disableReplayLog = false, replayPath = null } = constraints;
  return new CommandsArbitrary(commandArbs, maxGeneratedLengthFromSizeForArbitrary(size, 0, maxCommands, constraints.maxCommands !== void 0), maxCommands, replayPath, disableReplayLog);
}
var ScheduledCommand = class {
  constructor(s, cmd) {
    this.s = s;
    this.cmd = cmd;
  }
  async check(m) {
    let error = null;
    let checkPassed = false;
    if ((await this.s.scheduleSequence([{
      label: `check@${this.cmd.toString()}`,
      builder: async () => {
        try {
          checkPassed = await Promise.resolve(this.cmd.check(m));
        } catch (err) {
          error = err;
          throw err;
        }
      }
    }]).task).faulty) throw error;
    return checkPassed;
  }
  async run(m, r) {
    let error = null;
    if ((await this.s.scheduleSequence([{
      label: `run@${this.cmd.toString()}`,
      builder: async () => {
        try {
          await this.cmd.run(m, r);
        } catch (err) {
          error = err;
          throw err;
        }
      }
    }]).task).faulty) throw error;
  }
};
var scheduleCommands = function* (s, cmds) {
  for (const cmd of cmds) yield new ScheduledCommand(s, cmd);
};
var genericModelRun = (s, cmds, initialValue, runCmd, then) => {
  return s.then((o) => {
    const { model, real } = o;
    let state2 = initialValue;
    for (const c of cmds) state2 = then(state2, () => {
      return runCmd(c, model, real);
    });
    return state2;
  });
};
var internalModelRun = (s, cmds) => {
  const then = (_p, c) => c();
  const setupProducer = { then: (fun) => {
    fun(s());
  } };
  const runSync = (cmd, m, r) => {
    if (cmd.check(m)) cmd.run(m, r);
  };
  return genericModelRun(setupProducer, cmds, void 0, runSync, then);
};
var isAsyncSetup = (s) => {
  return typeof s.then === "function";
};
var internalAsyncModelRun = async (s, cmds, defaultPromise = Promise.resolve()) => {
  const then = (p, c) => p.then(c);
  const setupProducer = { then: (fun) => {
    const out2 = s();
    if (isAsyncSetup(out2)) return out2.then(fun);
    else return fun(out2);
  } };
  const runAsync = async (cmd, m, r) => {
    if (await cmd.check(m)) await cmd.run(m, r);
  };
  return await genericModelRun(setupProducer, cmds, defaultPromise, runAsync, then);
};
function modelRun(s, cmds) {
  internalModelRun(s, cmds);
}
async function asyncModelRun(s, cmds) {
  await internalAsyncModelRun(s, cmds);
}
async function scheduledModelRun(scheduler2, s, cmds) {
  const scheduledCommands = scheduleCommands(scheduler2, cmds);
  const out2 = internalAsyncModelRun(s, scheduledCommands, scheduler2.schedule(Promise.resolve(), "startModel"));
  await scheduler2.waitFor(out2);
  await scheduler2.waitAll();
}
var defaultSchedulerAct = (f) => f();
var SchedulerImplem = class SchedulerImplem2 {
  constructor(act2, taskSelector) {
    this.act = act2;
    this.taskSelector = taskSelector;
    this.lastTaskId = 0;
    this.sourceTaskSelector = taskSelector.clone();
    this.scheduledTasks = [];
    this.triggeredTasks = [];
    this.scheduledWatchers = [];
    this[cloneMethod] = function() {
      return new SchedulerImplem2(this.act, this.sourceTaskSelector);
    };
  }
  static buildLog(reportItem) {
    return `[task\${${reportItem.taskId}}] ${reportItem.label.length !== 0 ? `${reportItem.schedulingType}::${reportItem.label}` : reportItem.schedulingType} ${reportItem.status}${reportItem.outputValue !== void 0 ? ` with value ${escapeForTemplateString(reportItem.outputValue)}` : ""}`;
  }
  log(schedulingType, taskId, label, metadata, status, data3) {
    this.triggeredTasks.push({
      status,
      schedulingType,
      taskId,
      label,
      metadata,
      outputValue: data3 !== void 0 ? stringify(data3) : void 0
    });
  }
  scheduleInternal(schedulingType, label, task, metadata, customAct, thenTaskToBeAwaited) {
    const taskId = ++this.lastTaskId;
    let trigger = void 0;
    const scheduledPromise = new Promise((resolve, reject) => {
      trigger = () => {
        const promise = Promise.resolve(thenTaskToBeAwaited !== void 0 ? task.then(() => thenTaskToBeAwaited()) : task);
        promise.then((data3) => {
          this.log(schedulingType, taskId, label, metadata, "resolved", data3);
          resolve(data3);
        }, (err) => {
          this.log(schedulingType, taskId, label, metadata, "rejected", err);
          reject(err);
        });
        return promise;
      };
    });
    this.scheduledTasks.push({
      original: task,
      trigger,
      schedulingType,
      taskId,
      label,
      metadata,
      customAct
    });
    if (this.scheduledWatchers.length !== 0) this.scheduledWatchers[0]();
    return scheduledPromise;
  }
  schedule(task, label, metadata, customAct) {
    return this.scheduleInternal("promise", label || "", task, metadata, customAct || defaultSchedulerAct);
  }
  scheduleFunction(asyncFunction, customAct) {
    return (...args) => this.scheduleInternal("function", `${asyncFunction.name}(${args.map(stringify).join(",")})`, asyncFunction(...args), void 0, customAct || defaultSchedulerAct);
  }
  scheduleSequence(sequenceBuilders, customAct) {
    const status = {
      done: false,
      faulty: false
    };
    const dummyResolvedPromise = { then: (f) => f() };
    let resolveSequenceTask = () => {
    };
    const sequenceTask = new Promise((resolve) => {
      resolveSequenceTask = () => resolve({
        done: status.done,
        faulty: status.faulty
      });
    });
    const onFaultyItemNoThrow = () => {
      status.faulty = true;
      resolveSequenceTask();
    };
    const onDone = () => {
      status.done = true;
      resolveSequenceTask();
    };
    const registerNextBuilder = (index, previous) => {
      if (index >= sequenceBuilders.length) {
        previous.then(onDone, onFaultyItemNoThrow);
        return;
      }
      previous.then(() => {
        const item = sequenceBuilders[index];
        const [builder, label, metadata] = typeof item === "function" ? [
          item,
          item.name,
          void 0
        ] : [
          item.builder,
          item.label,
          item.metadata
        ];
        const scheduled = this.scheduleInternal("sequence", label, dummyResolvedPromise, metadata, customAct || defaultSchedulerAct, () => builder());
        registerNextBuilder(index + 1, scheduled);
      }, onFaultyItemNoThrow);
    };
    registerNextBuilder(0, dummyResolvedPromise);
    return Object.assign(status, { task: sequenceTask });
  }
  count() {
    return this.scheduledTasks.length;
  }
  internalWaitOne() {
    if (this.scheduledTasks.length === 0) throw new Error("No task scheduled");
    const taskIndex = this.taskSelector.nextTaskIndex(this.scheduledTasks);
    const [scheduledTask] = this.scheduledTasks.splice(taskIndex, 1);
    return scheduledTask.customAct(() => {
      return scheduledTask.trigger().catch((_err) => {
      });
    });
  }
  waitOne(customAct) {
    const waitAct = customAct || defaultSchedulerAct;
    return this.act(() => waitAct(() => this.internalWaitOne()));
  }
  async waitAll(customAct) {
    while (this.scheduledTasks.length > 0) await this.waitOne(customAct);
  }
  async internalWaitFor(unscheduledTask, options) {
    let taskResolved = false;
    const customAct = options.customAct;
    const onWaitStart = options.onWaitStart;
    const onWaitIdle = options.onWaitIdle;
    const launchAwaiterOnInit = options.launchAwaiterOnInit;
    let resolveFinal = void 0;
    let rejectFinal = void 0;
    let awaiterTicks = 0;
    let awaiterPromise = null;
    let awaiterScheduledTaskPromise = null;
    const awaiter = async () => {
      awaiterTicks = 50;
      for (awaiterTicks = 50; !taskResolved && awaiterTicks > 0; --awaiterTicks) await Promise.resolve();
      if (!taskResolved && this.scheduledTasks.length > 0) {
        if (onWaitStart !== void 0) onWaitStart();
        awaiterScheduledTaskPromise = this.waitOne(customAct);
        return awaiterScheduledTaskPromise.then(() => {
          awaiterScheduledTaskPromise = null;
          return awaiter();
        }, (err) => {
          awaiterScheduledTaskPromise = null;
          taskResolved = true;
          rejectFinal(err);
          throw err;
        });
      }
      if (!taskResolved && onWaitIdle !== void 0) onWaitIdle();
      awaiterPromise = null;
    };
    const handleNotified = () => {
      if (awaiterPromise !== null) {
        awaiterTicks = 51;
        return;
      }
      awaiterPromise = awaiter().catch(() => {
      });
    };
    const clearAndReplaceWatcher = () => {
      const handleNotifiedIndex = this.scheduledWatchers.indexOf(handleNotified);
      if (handleNotifiedIndex !== -1) this.scheduledWatchers.splice(handleNotifiedIndex, 1);
      if (handleNotifiedIndex === 0 && this.scheduledWatchers.length !== 0) this.scheduledWatchers[0]();
    };
    const finalTask = new Promise((resolve, reject) => {
      resolveFinal = (value) => {
        clearAndReplaceWatcher();
        resolve(value);
      };
      rejectFinal = (error) => {
        clearAndReplaceWatcher();
        reject(error);
      };
    });
    unscheduledTask.then((ret) => {
      taskResolved = true;
      if (awaiterScheduledTaskPromise === null) resolveFinal(ret);
      else awaiterScheduledTaskPromise.then(() => resolveFinal(ret), (error) => rejectFinal(error));
    }, (err) => {
      taskResolved = true;
      if (awaiterScheduledTaskPromise === null) rejectFinal(err);
      else awaiterScheduledTaskPromise.then(() => rejectFinal(err), () => rejectFinal(err));
    });
    if ((this.scheduledTasks.length > 0 || launchAwaiterOnInit) && this.scheduledWatchers.length === 0) handleNotified();
    this.scheduledWatchers.push(handleNotified);
    return finalTask;
  }
  waitNext(count2, customAct) {
    let resolver = void 0;
    let remaining = count2;
    const awaited = remaining <= 0 ? Promise.resolve() : new Promise((r) => {
      resolver = () => {
        if (--remaining <= 0) r();
      };
    });
    return this.internalWaitFor(awaited, {
      customAct,
      onWaitStart: resolver,
      onWaitIdle: void 0,
      launchAwaiterOnInit: false
    });
  }
  waitIdle(customAct) {
    let resolver = void 0;
    const awaited = new Promise((r) => resolver = r);
    return this.internalWaitFor(awaited, {
      customAct,
      onWaitStart: void 0,
      onWaitIdle: resolver,
      launchAwaiterOnInit: true
    });
  }
  waitFor(unscheduledTask, customAct) {
    return this.internalWaitFor(unscheduledTask, {
      customAct,
      onWaitStart: void 0,
      onWaitIdle: void 0,
      launchAwaiterOnInit: false
    });
  }
  report() {
    return [...this.triggeredTasks, ...this.scheduledTasks.map((t) => ({
      status: "pending",
      schedulingType: t.schedulingType,
      taskId: t.taskId,
      label: t.label,
      metadata: t.metadata
    }))];
  }
  toString() {
    return "schedulerFor()`\n" + this.report().map(SchedulerImplem2.buildLog).map((log3) => `-> ${log3}`).join("\n") + "`";
  }
};
function buildNextTaskIndex$1(ordering) {
  let numTasks = 0;
  return {
    clone: () => buildNextTaskIndex$1(ordering),
    nextTaskIndex: (scheduledTasks) => {
      if (ordering.length <= numTasks) throw new Error(`Invalid schedulerFor defined: too many tasks have been scheduled`);
      const taskIndex = scheduledTasks.findIndex((t) => t.taskId === ordering[numTasks]);
      if (taskIndex === -1) throw new Error(`Invalid schedulerFor defined: unable to find next task`);
      ++numTasks;
      return taskIndex;
    }
  };
}
function buildSchedulerFor(act2, ordering) {
  return new SchedulerImplem(act2, buildNextTaskIndex$1(ordering));
}
function buildNextTaskIndex(mrng) {
  const clonedMrng = mrng.clone();
  return {
    clone: () => buildNextTaskIndex(clonedMrng),
    nextTaskIndex: (scheduledTasks) => {
      return mrng.nextInt(0, scheduledTasks.length - 1);
    }
  };
}
var SchedulerArbitrary = class extends Arbitrary {
  constructor(act2) {
    super();
    this.act = act2;
  }
  generate(mrng, _biasFactor) {
    return new Value(new SchedulerImplem(this.act, buildNextTaskIndex(mrng.clone())), void 0);
  }
  canShrinkWithoutContext(_value) {
    return false;
  }
  shrink(_value, _context) {
    return Stream.nil();
  }
};
function scheduler(constraints) {
  const { act: act2 = (f) => f() } = constraints || {};
  return new SchedulerArbitrary(act2);
}
function schedulerFor(customOrderingOrConstraints, constraintsOrUndefined) {
  const { act: act2 = (f) => f() } = Array.isArray(customOrderingOrConstraints) ? constraintsOrUndefined || {} : customOrderingOrConstraints || {};
  if (Array.isArray(customOrderingOrConstraints)) return buildSchedulerFor(act2, customOrderingOrConstraints);
  return function(_strs, ...ordering) {
    return buildSchedulerFor(act2, ordering);
  };
}
function bigInt64Array(constraints = {}) {
  return typedIntArrayArbitraryArbitraryBuilder(constraints, SBigInt2("-9223372036854775808"), SBigInt2("9223372036854775807"), SBigInt64Array, bigInt);
}
function bigUint64Array(constraints = {}) {
  return typedIntArrayArbitraryArbitraryBuilder(constraints, SBigInt2(0), SBigInt2("18446744073709551615"), SBigUint64Array, bigInt);
}
function noSuchValue(_value, returnedValue) {
  return returnedValue;
}
var safeMathFloor = Math.floor;
var safeMathMin = Math.min;
function clampRegexAstInternal(astNode, maxLength) {
  switch (astNode.type) {
    case "Char":
      return {
        astNode,
        minLength: 1
      };
    case "Repetition":
      switch (astNode.quantifier.kind) {
        case "*": {
          const clamped = clampRegexAstInternal(astNode.expression, maxLength);
          return {
            astNode: {
              type: "Repetition",
              quantifier: {
                ...astNode.quantifier,
                kind: "Range",
                from: 0,
                to: maxLength
              },
              expression: clamped.astNode
            },
            minLength: 0
          };
        }
        case "+": {
          const clamped = clampRegexAstInternal(astNode.expression, maxLength);
          const scaledClampedMinLength = clamped.minLength > 1 ? clamped.minLength : 1;
          return {
            astNode: {
              type: "Repetition",
              quantifier: {
                ...astNode.quantifier,
                kind: "Range",
                from: 1,
                to: safeMathFloor(maxLength / scaledClampedMinLength)
              },
              expression: clamped.astNode
            },
            minLength: clamped.minLength
          };
        }
        case "?": {
          const clamped = clampRegexAstInternal(astNode.expression, maxLength);
          if (maxLength < clamped.minLength) return {
            astNode: {
              type: "Repetition",
              quantifier: {
                ...astNode.quantifier,
                kind: "Range",
                from: 0,
                to: 0
              },
              expression: clamped.astNode
            },
            minLength: 0
          };
          return {
            astNode: {
              ...astNode,
              expression: clamped.astNode
            },
            minLength: 0
          };
        }
        case "Range": {
          const scaledMaxLength = astNode.quantifier.from > 1 ? safeMathFloor(maxLength / astNode.quantifier.from) : maxLength;
          const clamped = clampRegexAstInternal(astNode.expression, scaledMaxLength);
          const scaledClampedMinLength = clamped.minLength > 1 ? clamped.minLength : 1;
          if (astNode.quantifier.to === void 0 || astNode.quantifier.to * scaledClampedMinLength > maxLength) return {
            astNode: {
              type: "Repetition",
              quantifier: {
                ...astNode.quantifier,
                kind: "Range",
                to: safeMathFloor(maxLength / scaledClampedMinLength)
              },
              expression: clamped.astNode
            },
            minLength: astNode.quantifier.from * clamped.minLength
          };
          return {
            astNode: {
              ...astNode,
              expression: clamped.astNode
            },
            minLength: astNode.quantifier.from * clamped.minLength
          };
        }
        default:
          return noSuchValue(astNode.quantifier, {
            astNode,
            minLength: 0
          });
      }
    case "Quantifier":
      return {
        astNode,
        minLength: 0
      };
    case "Alternative": {
      let totalMinLength = 0;
      const extendedClampeds = [];
      for (let index = 0; index !== astNode.expressions.length; ++index) {
        const temporaryAllowance = maxLength - totalMinLength;
        const clamped = clampRegexAstInternal(astNode.expressions[index], temporaryAllowance);
        totalMinLength += clamped.minLength;
        safePush(extendedClampeds, {
          value: clamped,
          allowance: temporaryAllowance
        });
      }
      const refinedExpressions = [];
      for (let index = 0; index !== extendedClampeds.length; ++index) {
        const current = extendedClampeds[index].value;
        const pastAllowance = extendedClampeds[index].allowance;
        const allowance = maxLength - totalMinLength + current.minLength;
        safePush(refinedExpressions, (allowance !== pastAllowance ? clampRegexAstInternal(current.astNode, allowance) : current).astNode);
      }
      return {
        astNode: {
          ...astNode,
          expressions: refinedExpressions
        },
        minLength: totalMinLength
      };
    }
    case "CharacterClass":
      return {
        astNode,
        minLength: 1
      };
    case "ClassRange":
      return {
        astNode,
        minLength: 1
      };
    case "Group": {
      const clamped = clampRegexAstInternal(astNode.expression, maxLength);
      return {
        astNode: {
          ...astNode,
          expression: clamped.astNode
        },
        minLength: clamped.minLength
      };
    }
    case "Disjunction": {
      if (astNode.left === null) {
        if (astNode.right === null) return {
          astNode,
          minLength: 0
        };
        const clampedRight2 = clampRegexAstInternal(astNode.right, maxLength);
        const refinedRight = clampedRight2.minLength > maxLength ? null : clampedRight2.astNode;
        return {
          astNode: {
            ...astNode,
            left: null,
            right: refinedRight
          },
          minLength: 0
        };
      }
      if (astNode.right === null) {
        const clampLeft = clampRegexAstInternal(astNode.left, maxLength);
        const refinedLeft = clampLeft.minLength > maxLength ? null : clampLeft.astNode;
        return {
          astNode: {
            ...astNode,
            left: refinedLeft,
            right: null
          },
          minLength: 0
        };
      }
      const clampedLeft = clampRegexAstInternal(astNode.left, maxLength);
      const clampedRight = clampRegexAstInternal(astNode.right, maxLength);
      if (clampedLeft.minLength > maxLength) return clampedRight;
      if (clampedRight.minLength > maxLength) return clampedLeft;
      return {
        astNode: {
          ...astNode,
          left: clampedLeft.astNode,
          right: clampedRight.astNode
        },
        minLength: safeMathMin(clampedLeft.minLength, clampedRight.minLength)
      };
    }
    case "Assertion":
      return {
        astNode,
        minLength: 0
      };
    case "Backreference":
      return {
        astNode,
        minLength: 0
      };
    case "UnicodeProperty":
      return {
        astNode,
        minLength: 1
      };
  }
}
function clampRegexAst(astNode, maxLength) {
  return clampRegexAstInternal(astNode, maxLength).astNode;
}
function raiseUnsupportedASTNode$1(astNode) {
  return /* @__PURE__ */ new Error(`Unsupported AST node! Received: ${stringify(astNode)}`);
}
function addMissingDotStarTraversalAddMissing(astNode, isFirst, isLast) {
  if (!isFirst && !isLast) return astNode;
  const traversalResults = {
    hasStart: false,
    hasEnd: false
  };
  const revampedNode = addMissingDotStarTraversal(astNode, isFirst, isLast, traversalResults);
  const missingStart = isFirst && !traversalResults.hasStart;
  const missingEnd = isLast && !traversalResults.hasEnd;
  if (!missingStart && !missingEnd) return revampedNode;
  const expressions = [];
  if (missingStart) {
    expressions.push({
      type: "Assertion",
      kind: "^"
    });
    expressions.push({
      type: "Repetition",
      quantifier: {
        type: "Quantifier",
        kind: "*",
        greedy: true
      },
      expression: {
        type: "Char",
        kind: "meta",
        symbol: ".",
        value: ".",
        codePoint: NaN
      }
    });
  }
  expressions.push(revampedNode);
  if (missingEnd) {
    expressions.push({
      type: "Repetition",
      quantifier: {
        type: "Quantifier",
        kind: "*",
        greedy: true
      },
      expression: {
        type: "Char",
        kind: "meta",
        symbol: ".",
        value: ".",
        codePoint: NaN
      }
    });
    expressions.push({
      type: "Assertion",
      kind: "$"
    });
  }
  return {
    type: "Group",
    capturing: false,
    expression: {
      type: "Alternative",
      expressions
    }
  };
}
function addMissingDotStarTraversal(astNode, isFirst, isLast, traversalResults) {
  switch (astNode.type) {
    case "Char":
      return astNode;
    case "Repetition":
      return astNode;
    case "Quantifier":
      throw new Error(`Wrongly defined AST tree, Quantifier nodes not supposed to be scanned!`);
    case "Alternative":
      traversalResults.hasStart = true;
      traversalResults.hasEnd = true;
      return {
        ...astNode,
        expressions: astNode.expressions.map((node, index) => addMissingDotStarTraversalAddMissing(node, isFirst && index === 0, isLast && index === astNode.expressions.length - 1))
      };
    case "CharacterClass":
      return astNode;
    case "ClassRange":
      return astNode;
    case "Group":
      return {
        ...astNode,
        expression: addMissingDotStarTraversal(astNode.expression, isFirst, isLast, traversalResults)
      };
    case "Disjunction":
      traversalResults.hasStart = true;
      traversalResults.hasEnd = true;
      return {
        ...astNode,
        left: astNode.left !== null ? addMissingDotStarTraversalAddMissing(astNode.left, isFirst, isLast) : null,
        right: astNode.right !== null ? addMissingDotStarTraversalAddMissing(astNode.right, isFirst, isLast) : null
      };
    case "Assertion":
      if (astNode.kind === "^" || astNode.kind === "Lookahead") {
        traversalResults.hasStart = true;
        return astNode;
      } else if (astNode.kind === "$" || astNode.kind === "Lookbehind") {
        traversalResults.hasEnd = true;
        return astNode;
      } else throw new Error(`Assertions of kind ${astNode.kind} not implemented yet!`);
    case "Backreference":
      return astNode;
    case "UnicodeProperty":
      return astNode;
    default:
      throw raiseUnsupportedASTNode$1(astNode);
  }
}
function addMissingDotStar(astNode) {
  return addMissingDotStarTraversalAddMissing(astNode, true, true);
}
function charSizeAt(text, pos) {
  return text[pos] >= "\uD800" && text[pos] <= "\uDBFF" && text[pos + 1] >= "\uDC00" && text[pos + 1] <= "\uDFFF" ? 2 : 1;
}
function isHexaDigit(char) {
  return char >= "0" && char <= "9" || char >= "a" && char <= "f" || char >= "A" && char <= "F";
}
function isDigit$1(char) {
  return char >= "0" && char <= "9";
}
function squaredBracketBlockContentEndFrom(text, from) {
  for (let index = from; index !== text.length; ++index) {
    const char = text[index];
    if (char === "\\") index += 1;
    else if (char === "]") return index;
  }
  throw new Error(`Missing closing ']'`);
}
function parenthesisBlockContentEndFrom(text, from) {
  let numExtraOpened = 0;
  for (let index = from; index !== text.length; ++index) {
    const char = text[index];
    if (char === "\\") index += 1;
    else if (char === ")") {
      if (numExtraOpened === 0) return index;
      numExtraOpened -= 1;
    } else if (char === "[") index = squaredBracketBlockContentEndFrom(text, index);
    else if (char === "(") numExtraOpened += 1;
  }
  throw new Error(`Missing closing ')'`);
}
function curlyBracketBlockContentEndFrom(text, from) {
  let foundComma = false;
  for (let index = from; index !== text.length; ++index) {
    const char = text[index];
    if (isDigit$1(char)) {
    } else if (from === index) return -1;
    else if (char === ",") {
      if (foundComma) return -1;
      foundComma = true;
    } else if (char === "}") return index;
    else return -1;
  }
  return -1;
}
function blockEndFrom(text, from, unicodeMode, mode) {
  switch (text[from]) {
    case "[":
      if (mode === 1) return from + 1;
      return squaredBracketBlockContentEndFrom(text, from + 1) + 1;
    case "{": {
      if (mode === 1) return from + 1;
      const foundEnd = curlyBracketBlockContentEndFrom(text, from + 1);
      if (foundEnd === -1) return from + 1;
      return foundEnd + 1;
    }
    case "(":
      if (mode === 1) return from + 1;
      return parenthesisBlockContentEndFrom(text, from + 1) + 1;
    case "]":
    case "}":
    case ")":
      return from + 1;
    case "\\": {
      const next1 = text[from + 1];
      switch (next1) {
        case "x":
          if (isHexaDigit(text[from + 2]) && isHexaDigit(text[from + 3])) return from + 4;
          throw new Error(`Unexpected token '${text.substring(from, from + 4)}' found`);
        case "u":
          if (text[from + 2] === "{") {
            if (!unicodeMode) return from + 2;
            if (text[from + 4] === "}") {
              if (isHexaDigit(text[from + 3])) return from + 5;
              throw new Error(`Unexpected token '${text.substring(from, from + 5)}' found`);
            }
            if (text[from + 5] === "}") {
              if (isHexaDigit(text[from + 3]) && isHexaDigit(text[from + 4])) return from + 6;
              throw new Error(`Unexpected token '${text.substring(from, from + 6)}' found`);
            }
            if (text[from + 6] === "}") {
              if (isHexaDigit(text[from + 3]) && isHexaDigit(text[from + 4]) && isHexaDigit(text[from + 5])) return from + 7;
              throw new Error(`Unexpected token '${text.substring(from, from + 7)}' found`);
            }
            if (text[from + 7] === "}") {
              if (isHexaDigit(text[from + 3]) && isHexaDigit(text[from + 4]) && isHexaDigit(text[from + 5]) && isHexaDigit(text[from + 6])) return from + 8;
              throw new Error(`Unexpected token '${text.substring(from, from + 8)}' found`);
            }
            if (text[from + 8] === "}" && isHexaDigit(text[from + 3]) && isHexaDigit(text[from + 4]) && isHexaDigit(text[from + 5]) && isHexaDigit(text[from + 6]) && isHexaDigit(text[from + 7])) return from + 9;
            throw new Error(`Unexpected token '${text.substring(from, from + 9)}' found`);
          }
          if (isHexaDigit(text[from + 2]) && isHexaDigit(text[from + 3]) && isHexaDigit(text[from + 4]) && isHexaDigit(text[from + 5])) return from + 6;
          throw new Error(`Unexpected token '${text.substring(from, from + 6)}' found`);
        case "p":
        case "P": {
          if (!unicodeMode) return from + 2;
          let subIndex = from + 2;
          for (; subIndex < text.length && text[subIndex] !== "}"; subIndex += text[subIndex] === "\\" ? 2 : 1) ;
          if (text[subIndex] !== "}") throw new Error(`Invalid \\P definition`);
          return subIndex + 1;
        }
        case "k": {
          let subIndex = from + 2;
          for (; subIndex < text.length && text[subIndex] !== ">"; ++subIndex) ;
          if (text[subIndex] !== ">") {
            if (!unicodeMode) return from + 2;
            throw new Error(`Invalid \\k definition`);
          }
          return subIndex + 1;
        }
        default:
          if (isDigit$1(next1)) {
            const maxIndex = unicodeMode ? text.length : Math.min(from + 4, text.length);
            let subIndex = from + 2;
            for (; subIndex < maxIndex && isDigit$1(text[subIndex]); ++subIndex) ;
            return subIndex;
          }
          return from + (unicodeMode ? charSizeAt(text, from + 1) : 1) + 1;
      }
    }
    default:
      return from + (unicodeMode ? charSizeAt(text, from) : 1);
  }
}
function readFrom(text, from, unicodeMode, mode) {
  const to = blockEndFrom(text, from, unicodeMode, mode);
  return text.substring(from, to);
}
var NON_BINARY_ALIASES_TO_PROP_NAMES = {
  gc: "General_Category",
  sc: "Script",
  scx: "Script_Extensions"
};
var BINARY_PROP_NAMES_TO_ALIASES = {
  ASCII: "ASCII",
  ASCII_Hex_Digit: "AHex",
  Alphabetic: "Alpha",
  Any: "Any",
  Assigned: "Assigned",
  Bidi_Control: "Bidi_C",
  Bidi_Mirrored: "Bidi_M",
  Case_Ignorable: "CI",
  Cased: "Cased",
  Changes_When_Casefolded: "CWCF",
  Changes_When_Casemapped: "CWCM",
  Changes_When_Lowercased: "CWL",
  Changes_When_NFKC_Casefolded: "CWKCF",
  Changes_When_Titlecased: "CWT",
  Changes_When_Uppercased: "CWU",
  Dash: "Dash",
  Default_Ignorable_Code_Point: "DI",
  Deprecated: "Dep",
  Diacritic: "Dia",
  Emoji: "Emoji",
  Emoji_Component: "Emoji_Component",
  Emoji_Modifier: "Emoji_Modifier",
  Emoji_Modifier_Base: "Emoji_Modifier_Base",
  Emoji_Presentation: "Emoji_Presentation",
  Extended_Pictographic: "Extended_Pictographic",
  Extender: "Ext",
  Grapheme_Base: "Gr_Base",
  Grapheme_Extend: "Gr_Ext",
  Hex_Digit: "Hex",
  IDS_Binary_Operator: "IDSB",
  IDS_Trinary_Operator: "IDST",
  ID_Continue: "IDC",
  ID_Start: "IDS",
  Ideographic: "Ideo",
  Join_Control: "Join_C",
  Logical_Order_Exception: "LOE",
  Lowercase: "Lower",
  Math: "Math",
  Noncharacter_Code_Point: "NChar",
  Pattern_Syntax: "Pat_Syn",
  Pattern_White_Space: "Pat_WS",
  Quotation_Mark: "QMark",
  Radical: "Radical",
  Regional_Indicator: "RI",
  Sentence_Terminal: "STerm",
  Soft_Dotted: "SD",
  Terminal_Punctuation: "Term",
  Unified_Ideograph: "UIdeo",
  Uppercase: "Upper",
  Variation_Selector: "VS",
  White_Space: "space",
  XID_Continue: "XIDC",
  XID_Start: "XIDS"
};
var BINARY_ALIASES_TO_PROP_NAMES = inverseMap(BINARY_PROP_NAMES_TO_ALIASES);
var GENERAL_CATEGORY_VALUE_TO_ALIASES = {
  Cased_Letter: "LC",
  Close_Punctuation: "Pe",
  Connector_Punctuation: "Pc",
  Control: ["Cc", "cntrl"],
  Currency_Symbol: "Sc",
  Dash_Punctuation: "Pd",
  Decimal_Number: ["Nd", "digit"],
  Enclosing_Mark: "Me",
  Final_Punctuation: "Pf",
  Format: "Cf",
  Initial_Punctuation: "Pi",
  Letter: "L",
  Letter_Number: "Nl",
  Line_Separator: "Zl",
  Lowercase_Letter: "Ll",
  Mark: ["M", "Combining_Mark"],
  Math_Symbol: "Sm",
  Modifier_Letter: "Lm",
  Modifier_Symbol: "Sk",
  Nonspacing_Mark: "Mn",
  Number: "N",
  Open_Punctuation: "Ps",
  Other: "C",
  Other_Letter: "Lo",
  Other_Number: "No",
  Other_Punctuation: "Po",
  Other_Symbol: "So",
  Paragraph_Separator: "Zp",
  Private_Use: "Co",
  Punctuation: ["P", "punct"],
  Separator: "Z",
  Space_Separator: "Zs",
  Spacing_Mark: "Mc",
  Surrogate: "Cs",
  Symbol: "S",
  Titlecase_Letter: "Lt",
  Unassigned: "Cn",
  Uppercase_Letter: "Lu"
};
var GENERAL_CATEGORY_VALUE_ALIASES_TO_VALUES = inverseMap(GENERAL_CATEGORY_VALUE_TO_ALIASES);
var SCRIPT_VALUE_TO_ALIASES = {
  Adlam: "Adlm",
  Ahom: "Ahom",
  Anatolian_Hieroglyphs: "Hluw",
  Arabic: "Arab",
  Armenian: "Armn",
  Avestan: "Avst",
  Balinese: "Bali",
  Bamum: "Bamu",
  Bassa_Vah: "Bass",
  Batak: "Batk",
  Bengali: "Beng",
  Bhaiksuki: "Bhks",
  Bopomofo: "Bopo",
  Brahmi: "Brah",
  Braille: "Brai",
  Buginese: "Bugi",
  Buhid: "Buhd",
  Canadian_Aboriginal: "Cans",
  Carian: "Cari",
  Caucasian_Albanian: "Aghb",
  Chakma: "Cakm",
  Cham: "Cham",
  Cherokee: "Cher",
  Common: "Zyyy",
  Coptic: ["Copt", "Qaac"],
  Cuneiform: "Xsux",
  Cypriot: "Cprt",
  Cyrillic: "Cyrl",
  Deseret: "Dsrt",
  Devanagari: "Deva",
  Dogra: "Dogr",
  Duployan: "Dupl",
  Egyptian_Hieroglyphs: "Egyp",
  Elbasan: "Elba",
  Ethiopic: "Ethi",
  Georgian: "Geor",
  Glagolitic: "Glag",
  Gothic: "Goth",
  Grantha: "Gran",
  Greek: "Grek",
  Gujarati: "Gujr",
  Gunjala_Gondi: "Gong",
  Gurmukhi: "Guru",
  Han: "Hani",
  Hangul: "Hang",
  Hanifi_Rohingya: "Rohg",
  Hanunoo: "Hano",
  Hatran: "Hatr",
  Hebrew: "Hebr",
  Hiragana: "Hira",
  Imperial_Aramaic: "Armi",
  Inherited: ["Zinh", "Qaai"],
  Inscriptional_Pahlavi: "Phli",
  Inscriptional_Parthian: "Prti",
  Javanese: "Java",
  Kaithi: "Kthi",
  Kannada: "Knda",
  Katakana: "Kana",
  Kayah_Li: "Kali",
  Kharoshthi: "Khar",
  Khmer: "Khmr",
  Khojki: "Khoj",
  Khudawadi: "Sind",
  Lao: "Laoo",
  Latin: "Latn",
  Lepcha: "Lepc",
  Limbu: "Limb",
  Linear_A: "Lina",
  Linear_B: "Linb",
  Lisu: "Lisu",
  Lycian: "Lyci",
  Lydian: "Lydi",
  Mahajani: "Mahj",
  Makasar: "Maka",
  Malayalam: "Mlym",
  Mandaic: "Mand",
  Manichaean: "Mani",
  Marchen: "Marc",
  Medefaidrin: "Medf",
  Masaram_Gondi: "Gonm",
  Meetei_Mayek: "Mtei",
  Mende_Kikakui: "Mend",
  Meroitic_Cursive: "Merc",
  Meroitic_Hieroglyphs: "Mero",
  Miao: "Plrd",
  Modi: "Modi",
  Mongolian: "Mong",
  Mro: "Mroo",
  Multani: "Mult",
  Myanmar: "Mymr",
  Nabataean: "Nbat",
  New_Tai_Lue: "Talu",
  Newa: "Newa",
  Nko: "Nkoo",
  Nushu: "Nshu",
  Ogham: "Ogam",
  Ol_Chiki: "Olck",
  Old_Hungarian: "Hung",
  Old_Italic: "Ital",
  Old_North_Arabian: "Narb",
  Old_Permic: "Perm",
  Old_Persian: "Xpeo",
  Old_Sogdian: "Sogo",
  Old_South_Arabian: "Sarb",
  Old_Turkic: "Orkh",
  Oriya: "Orya",
  Osage: "Osge",
  Osmanya: "Osma",
  Pahawh_Hmong: "Hmng",
  Palmyrene: "Palm",
  Pau_Cin_Hau: "Pauc",
  Phags_Pa: "Phag",
  Phoenician: "Phnx",
  Psalter_Pahlavi: "Phlp",
  Rejang: "Rjng",
  Runic: "Runr",
  Samaritan: "Samr",
  Saurashtra: "Saur",
  Sharada: "Shrd",
  Shavian: "Shaw",
  Siddham: "Sidd",
  SignWriting: "Sgnw",
  Sinhala: "Sinh",
  Sogdian: "Sogd",
  Sora_Sompeng: "Sora",
  Soyombo: "Soyo",
  Sundanese: "Sund",
  Syloti_Nagri: "Sylo",
  Syriac: "Syrc",
  Tagalog: "Tglg",
  Tagbanwa: "Tagb",
  Tai_Le: "Tale",
  Tai_Tham: "Lana",
  Tai_Viet: "Tavt",
  Takri: "Takr",
  Tamil: "Taml",
  Tangut: "Tang",
  Telugu: "Telu",
  Thaana: "Thaa",
  Thai: "Thai",
  Tibetan: "Tibt",
  Tifinagh: "Tfng",
  Tirhuta: "Tirh",
  Ugaritic: "Ugar",
  Vai: "Vaii",
  Warang_Citi: "Wara",
  Yi: "Yiii",
  Zanabazar_Square: "Zanb"
};
var SCRIPT_VALUE_ALIASES_TO_VALUES = inverseMap(SCRIPT_VALUE_TO_ALIASES);
function inverseMap(data3) {
  const inverse = {};
  for (const name of Object.keys(data3)) {
    const value = data3[name];
    if (Array.isArray(value)) for (let i = 0; i !== value.length; ++i) inverse[value[i]] = name;
    else inverse[value] = name;
  }
  return inverse;
}
function isGeneralCategoryValue(value) {
  return value in GENERAL_CATEGORY_VALUE_TO_ALIASES || value in GENERAL_CATEGORY_VALUE_ALIASES_TO_VALUES;
}
function isBinaryPropertyName(name) {
  return name in BINARY_PROP_NAMES_TO_ALIASES || name in BINARY_ALIASES_TO_PROP_NAMES;
}
function getCanonicalName(name) {
  if (name in NON_BINARY_ALIASES_TO_PROP_NAMES) return NON_BINARY_ALIASES_TO_PROP_NAMES[name];
  if (name in BINARY_ALIASES_TO_PROP_NAMES) return BINARY_ALIASES_TO_PROP_NAMES[name];
  if (name in BINARY_PROP_NAMES_TO_ALIASES || name === "General_Category" || name === "Script" || name === "Script_Extensions") return name;
  throw new Error(`Unknown Unicode property name: ${name}`);
}
function getCanonicalValue(value) {
  if (value in GENERAL_CATEGORY_VALUE_ALIASES_TO_VALUES) return GENERAL_CATEGORY_VALUE_ALIASES_TO_VALUES[value];
  if (value in SCRIPT_VALUE_ALIASES_TO_VALUES) return SCRIPT_VALUE_ALIASES_TO_VALUES[value];
  if (value in BINARY_ALIASES_TO_PROP_NAMES) return BINARY_ALIASES_TO_PROP_NAMES[value];
  if (value in GENERAL_CATEGORY_VALUE_TO_ALIASES || value in SCRIPT_VALUE_TO_ALIASES || value in BINARY_PROP_NAMES_TO_ALIASES) return value;
  throw new Error(`Unknown Unicode property value: ${value}`);
}
function resolveUnicodeProperty(propertySpec, negative) {
  const equalIndex = propertySpec.indexOf("=");
  if (equalIndex !== -1) {
    const name = propertySpec.substring(0, equalIndex);
    const value = propertySpec.substring(equalIndex + 1);
    return {
      type: "UnicodeProperty",
      name,
      value,
      negative,
      shorthand: false,
      binary: false,
      canonicalName: getCanonicalName(name),
      canonicalValue: getCanonicalValue(value)
    };
  }
  if (isGeneralCategoryValue(propertySpec)) return {
    type: "UnicodeProperty",
    name: "General_Category",
    value: propertySpec,
    negative,
    shorthand: true,
    binary: false,
    canonicalName: "General_Category",
    canonicalValue: getCanonicalValue(propertySpec)
  };
  if (isBinaryPropertyName(propertySpec)) {
    const canonicalName = getCanonicalName(propertySpec);
    return {
      type: "UnicodeProperty",
      name: propertySpec,
      value: propertySpec,
      negative,
      shorthand: false,
      binary: true,
      canonicalName,
      canonicalValue: canonicalName
    };
  }
  throw new Error(`Invalid Unicode property: ${propertySpec}`);
}
var safeStringFromCodePoint$2 = String.fromCodePoint;
function safePop(tokens) {
  const previous = tokens.pop();
  if (previous === void 0) throw new Error("Unable to extract token preceeding the currently parsed one");
  return previous;
}
function isDigit(char) {
  return char >= "0" && char <= "9";
}
function simpleChar(char, escaped) {
  return {
    type: "Char",
    kind: "simple",
    symbol: char,
    value: char,
    codePoint: char.codePointAt(0) || -1,
    escaped
  };
}
function metaEscapedChar(block, symbol) {
  return {
    type: "Char",
    kind: "meta",
    symbol,
    value: block,
    codePoint: symbol.codePointAt(0) || -1
  };
}
function toSingleToken(tokens, allowEmpty) {
  if (tokens.length > 1) return {
    type: "Alternative",
    expressions: tokens
  };
  if (!allowEmpty && tokens.length === 0) throw new Error(`Unsupported no token`);
  return tokens[0];
}
function blockToCharToken(block) {
  if (block[0] === "\\") {
    const next = block[1];
    switch (next) {
      case "x": {
        const allDigits = block.substring(2);
        const codePoint = Number.parseInt(allDigits, 16);
        return {
          type: "Char",
          kind: "hex",
          symbol: safeStringFromCodePoint$2(codePoint),
          value: block,
          codePoint
        };
      }
      case "u": {
        if (block === "\\u") return simpleChar("u", true);
        const allDigits = block[2] === "{" ? block.substring(3, block.length - 1) : block.substring(2);
        const codePoint = Number.parseInt(allDigits, 16);
        return {
          type: "Char",
          kind: "unicode",
          symbol: safeStringFromCodePoint$2(codePoint),
          value: block,
          codePoint
        };
      }
      case "0":
        return metaEscapedChar(block, "\0");
      case "n":
        return metaEscapedChar(block, "\n");
      case "f":
        return metaEscapedChar(block, "\f");
      case "r":
        return metaEscapedChar(block, "\r");
      case "t":
        return metaEscapedChar(block, "	");
      case "v":
        return metaEscapedChar(block, "\v");
      case "w":
      case "W":
      case "d":
      case "D":
      case "s":
      case "S":
      case "b":
      case "B":
        return {
          type: "Char",
          kind: "meta",
          symbol: void 0,
          value: block,
          codePoint: NaN
        };
      default:
        if (isDigit(next)) {
          const allDigits = block.substring(1);
          const codePoint = Number(allDigits);
          return {
            type: "Char",
            kind: "decimal",
            symbol: safeStringFromCodePoint$2(codePoint),
            value: block,
            codePoint
          };
        }
        if (block.length > 2 && (next === "p" || next === "P")) {
          const negative = next === "P";
          return resolveUnicodeProperty(block.substring(3, block.length - 1), negative);
        }
        return simpleChar(block.substring(1), true);
    }
  }
  return simpleChar(block);
}
function pushTokens(tokens, regexSource, unicodeMode, groups) {
  let disjunctions = null;
  for (let index = 0, block = readFrom(regexSource, index, unicodeMode, 0); index !== regexSource.length; index += block.length, block = readFrom(regexSource, index, unicodeMode, 0)) {
    const firstInBlock = block[0];
    switch (firstInBlock) {
      case "|":
        if (disjunctions === null) disjunctions = [];
        disjunctions.push(toSingleToken(tokens.splice(0), true) || null);
        break;
      case ".":
        tokens.push({
          type: "Char",
          kind: "meta",
          symbol: block,
          value: block,
          codePoint: NaN
        });
        break;
      case "*":
      case "+": {
        const previous = safePop(tokens);
        tokens.push({
          type: "Repetition",
          expression: previous,
          quantifier: {
            type: "Quantifier",
            kind: firstInBlock,
            greedy: true
          }
        });
        break;
      }
      case "?": {
        const previous = safePop(tokens);
        if (previous.type === "Repetition") {
          previous.quantifier.greedy = false;
          tokens.push(previous);
        } else tokens.push({
          type: "Repetition",
          expression: previous,
          quantifier: {
            type: "Quantifier",
            kind: firstInBlock,
            greedy: true
          }
        });
        break;
      }
      case "{": {
        if (block === "{") {
          tokens.push(simpleChar(block));
          break;
        }
        const previous = safePop(tokens);
        const quantifierTokens = block.substring(1, block.length - 1).split(",");
        const from = Number(quantifierTokens[0]);
        const to = quantifierTokens.length === 1 ? from : quantifierTokens[1].length !== 0 ? Number(quantifierTokens[1]) : void 0;
        tokens.push({
          type: "Repetition",
          expression: previous,
          quantifier: {
            type: "Quantifier",
            kind: "Range",
            greedy: true,
            from,
            to
          }
        });
        break;
      }
      case "[": {
        const blockContent = block.substring(1, block.length - 1);
        const subTokens = [];
        let negative = void 0;
        let previousWasSimpleDash = false;
        for (let subIndex = 0, subBlock = readFrom(blockContent, subIndex, unicodeMode, 1); subIndex !== blockContent.length; subIndex += subBlock.length, subBlock = readFrom(blockContent, subIndex, unicodeMode, 1)) {
          if (subIndex === 0 && subBlock === "^") {
            negative = true;
            continue;
          }
          const newToken = blockToCharToken(subBlock);
          if (subBlock === "-") {
            subTokens.push(newToken);
            previousWasSimpleDash = true;
          } else {
            const operand1Token = subTokens.length >= 2 ? subTokens[subTokens.length - 2] : void 0;
            if (previousWasSimpleDash && operand1Token !== void 0 && operand1Token.type === "Char" && newToken.type === "Char") {
              subTokens.pop();
              subTokens.pop();
              subTokens.push({
                type: "ClassRange",
                from: operand1Token,
                to: newToken
              });
            } else subTokens.push(newToken);
            previousWasSimpleDash = false;
          }
        }
        tokens.push({
          type: "CharacterClass",
          expressions: subTokens,
          negative
        });
        break;
      }
      case "(": {
        const blockContent = block.substring(1, block.length - 1);
        const subTokens = [];
        if (blockContent[0] === "?") {
          if (blockContent[1] === ":") {
            pushTokens(subTokens, blockContent.substring(2), unicodeMode, groups);
            tokens.push({
              type: "Group",
              capturing: false,
              expression: toSingleToken(subTokens)
            });
          } else if (blockContent[1] === "=" || blockContent[1] === "!") {
            pushTokens(subTokens, blockContent.substring(2), unicodeMode, groups);
            tokens.push({
              type: "Assertion",
              kind: "Lookahead",
              negative: blockContent[1] === "!" ? true : void 0,
              assertion: toSingleToken(subTokens)
            });
          } else if (blockContent[1] === "<" && (blockContent[2] === "=" || blockContent[2] === "!")) {
            pushTokens(subTokens, blockContent.substring(3), unicodeMode, groups);
            tokens.push({
              type: "Assertion",
              kind: "Lookbehind",
              negative: blockContent[2] === "!" ? true : void 0,
              assertion: toSingleToken(subTokens)
            });
          } else {
            const chunks = blockContent.split(">");
            if (chunks.length < 2 || chunks[0][1] !== "<") throw new Error(`Unsupported regex content found at ${JSON.stringify(block)}`);
            const groupIndex = ++groups.lastIndex;
            const nameRaw = chunks[0].substring(2);
            groups.named.set(nameRaw, groupIndex);
            pushTokens(subTokens, chunks.slice(1).join(">"), unicodeMode, groups);
            tokens.push({
              type: "Group",
              capturing: true,
              nameRaw,
              name: nameRaw,
              number: groupIndex,
              expression: toSingleToken(subTokens)
            });
          }
        } else {
          const groupIndex = ++groups.lastIndex;
          pushTokens(subTokens, blockContent, unicodeMode, groups);
          tokens.push({
            type: "Group",
            capturing: true,
            number: groupIndex,
            expression: toSingleToken(subTokens)
          });
        }
        break;
      }
      default:
        if (block === "^") tokens.push({
          type: "Assertion",
          kind: block
        });
        else if (block === "$") tokens.push({
          type: "Assertion",
          kind: block
        });
        else if (block[0] === "\\" && isDigit(block[1])) {
          const reference = Number(block.substring(1));
          if (unicodeMode || reference <= groups.lastIndex) tokens.push({
            type: "Backreference",
            kind: "number",
            number: reference,
            reference
          });
          else tokens.push(blockToCharToken(block));
        } else if (block[0] === "\\" && block[1] === "k" && block.length !== 2) {
          const referenceRaw = block.substring(3, block.length - 1);
          tokens.push({
            type: "Backreference",
            kind: "name",
            number: groups.named.get(referenceRaw) || 0,
            referenceRaw,
            reference: referenceRaw
          });
        } else tokens.push(blockToCharToken(block));
    }
  }
  if (disjunctions !== null) {
    disjunctions.push(toSingleToken(tokens.splice(0), true) || null);
    let currentDisjunction = {
      type: "Disjunction",
      left: disjunctions[0],
      right: disjunctions[1]
    };
    for (let index = 2; index < disjunctions.length; ++index) currentDisjunction = {
      type: "Disjunction",
      left: currentDisjunction,
      right: disjunctions[index]
    };
    tokens.push(currentDisjunction);
  }
}
function tokenizeRegex(regex) {
  const unicodeMode = safeIndexOf([...regex.flags], "u") !== -1;
  const regexSource = regex.source;
  const tokens = [];
  pushTokens(tokens, regexSource, unicodeMode, {
    lastIndex: 0,
    named: /* @__PURE__ */ new Map()
  });
  return toSingleToken(tokens);
}
var safeStringFromCodePoint$1 = String.fromCodePoint;
function getPropertySpec(astNode) {
  if (astNode.binary || astNode.shorthand) return astNode.canonicalValue;
  return `${astNode.canonicalName}=${astNode.canonicalValue}`;
}
function appendRangesForRegex(regex, from, to, ranges) {
  let currentRangeStart = -1;
  for (let cp = from; cp <= to; ++cp) if (regex.test(safeStringFromCodePoint$1(cp))) {
    if (currentRangeStart === -1) currentRangeStart = cp;
  } else if (currentRangeStart !== -1) {
    const rangeEnd = cp - 1;
    ranges.push(currentRangeStart === rangeEnd ? [rangeEnd] : [currentRangeStart, rangeEnd]);
    currentRangeStart = -1;
  }
  if (currentRangeStart !== -1) ranges.push(currentRangeStart === to ? [to] : [currentRangeStart, to]);
}
function extractRangesForProperty(propertySpec, negative) {
  const regex = new RegExp(`^\\${negative ? "P" : "p"}{${propertySpec}}$`, "u");
  const ranges = [];
  appendRangesForRegex(regex, 0, 55295, ranges);
  appendRangesForRegex(regex, 57344, 1114111, ranges);
  return ranges;
}
var cache = /* @__PURE__ */ new Map();
function extractRangesForPropertyOrFromCache(propertySpec, negative) {
  const cacheKey = `${negative ? "P" : "p"}:${propertySpec}`;
  const cachedRanges = cache.get(cacheKey);
  if (cachedRanges !== void 0) return cachedRanges;
  const ranges = extractRangesForProperty(propertySpec, negative);
  cache.set(cacheKey, ranges);
  return ranges;
}
function unicodePropertyArbitrary(astNode) {
  return mapToConstant(...safeMap(extractRangesForPropertyOrFromCache(getPropertySpec(astNode), astNode.negative), (range) => convertGraphemeRangeToMapToConstantEntry(range)));
}
var safeStringFromCodePoint = String.fromCodePoint;
var wordChars = [..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"];
var digitChars = [..."0123456789"];
var spaceChars = [..." 	\r\n\v\f"];
var newLineChars = [..."\r\n"];
var terminatorChars = [...""];
var newLineAndTerminatorChars = [...newLineChars, ...terminatorChars];
var wordCharsSet = new SSet(wordChars);
var digitCharsSet = new SSet(digitChars);
var spaceCharsSet = new SSet(spaceChars);
var terminatorCharsSet = new SSet(terminatorChars);
var newLineAndTerminatorCharsSet = new SSet(newLineAndTerminatorChars);
var defaultChar = () => string({
  unit: "grapheme-ascii",
  minLength: 1,
  maxLength: 1
});
function raiseUnsupportedASTNode(astNode) {
  return new SError(`Unsupported AST node! Received: ${stringify(astNode)}`);
}
function toMatchingArbitrary(astNode, constraints, flags) {
  switch (astNode.type) {
    case "Char":
      if (astNode.kind === "meta") switch (astNode.value) {
        case "\\w":
          return constantFrom(...wordChars);
        case "\\W":
          return defaultChar().filter((c) => !safeHas(wordCharsSet, c));
        case "\\d":
          return constantFrom(...digitChars);
        case "\\D":
          return defaultChar().filter((c) => !safeHas(digitCharsSet, c));
        case "\\s":
          return constantFrom(...spaceChars);
        case "\\S":
          return defaultChar().filter((c) => !safeHas(spaceCharsSet, c));
        case "\\b":
        case "\\B":
          throw new SError(`Meta character ${astNode.value} not implemented yet!`);
        case ".": {
          const forbiddenChars = flags.dotAll ? terminatorCharsSet : newLineAndTerminatorCharsSet;
          return defaultChar().filter((c) => !safeHas(forbiddenChars, c));
        }
      }
      if (astNode.symbol === void 0) throw new SError(`Unexpected undefined symbol received for non-meta Char! Received: ${stringify(astNode)}`);
      return constant(astNode.symbol);
    case "Repetition": {
      const node = toMatchingArbitrary(astNode.expression, constraints, flags);
      switch (astNode.quantifier.kind) {
        case "*":
          return string({
            ...constraints,
            unit: node
          });
        case "+":
          return string({
            ...constraints,
            minLength: 1,
            unit: node
          });
        case "?":
          return string({
            ...constraints,
            minLength: 0,
            maxLength: 1,
            unit: node
          });
        case "Range":
          return string({
            ...constraints,
            minLength: astNode.quantifier.from,
            maxLength: astNode.quantifier.to,
            unit: node
          });
        default:
          throw raiseUnsupportedASTNode(astNode.quantifier);
      }
    }
    case "Quantifier":
      throw new SError(`Wrongly defined AST tree, Quantifier nodes not supposed to be scanned!`);
    case "Alternative": {
      const childrenArbitraries = [];
      let pendingAggregatedValue = "";
      for (const n of astNode.expressions) if (n.type === "Char" && n.kind !== "meta" && n.symbol !== void 0) pendingAggregatedValue += n.symbol;
      else if (flags.multiline || n.type !== "Assertion" || n.kind !== "^" && n.kind !== "$") {
        if (pendingAggregatedValue !== "") {
          safePush(childrenArbitraries, constant(pendingAggregatedValue));
          pendingAggregatedValue = "";
        }
        safePush(childrenArbitraries, toMatchingArbitrary(n, constraints, flags));
      }
      if (pendingAggregatedValue !== "") safePush(childrenArbitraries, constant(pendingAggregatedValue));
      if (childrenArbitraries.length === 0) return constant("");
      if (childrenArbitraries.length === 1) return childrenArbitraries[0];
      return tuple(...childrenArbitraries).map((vs) => safeJoin(vs, ""));
    }
    case "CharacterClass":
      if (astNode.negative) {
        const childrenArbitraries = safeMap(astNode.expressions, (n) => toMatchingArbitrary(n, constraints, flags));
        return defaultChar().filter((c) => safeEvery(childrenArbitraries, (arb) => !arb.canShrinkWithoutContext(c)));
      }
      return oneof(...safeMap(astNode.expressions, (n) => toMatchingArbitrary(n, constraints, flags)));
    case "ClassRange": {
      const min2 = astNode.from.codePoint;
      const max2 = astNode.to.codePoint;
      return integer({
        min: min2,
        max: max2
      }).map((n) => safeStringFromCodePoint(n), (c) => {
        if (typeof c !== "string") throw new SError("Invalid type");
        if ([...c].length !== 1) throw new SError("Invalid length");
        return safeCharCodeAt(c, 0);
      });
    }
    case "Group":
      return toMatchingArbitrary(astNode.expression, constraints, flags);
    case "Disjunction": {
      const stack2 = [astNode.left, astNode.right];
      const branches = [];
      for (let i = 0; i !== stack2.length; ++i) {
        const node = stack2[i];
        if (node === null) safePush(branches, constant(""));
        else if (node.type === "Disjunction") {
          safePush(stack2, node.left);
          safePush(stack2, node.right);
        } else safePush(branches, toMatchingArbitrary(node, constraints, flags));
      }
      return oneof(...branches);
    }
    case "Assertion":
      if (astNode.kind === "^" || astNode.kind === "$") {
        if (flags.multiline) {
          if (astNode.kind === "^") return oneof(constant(""), tuple(string({ unit: defaultChar() }), constantFrom(...newLineChars)).map((t) => `${t[0]}${t[1]}`, (value) => {
            if (typeof value !== "string" || value.length === 0) throw new SError("Invalid type");
            return [safeSubstring(value, 0, value.length - 1), value[value.length - 1]];
          }));
          else return oneof(constant(""), tuple(constantFrom(...newLineChars), string({ unit: defaultChar() })).map((t) => `${t[0]}${t[1]}`, (value) => {
            if (typeof value !== "string" || value.length === 0) throw new SError("Invalid type");
            return [value[0], safeSubstring(value, 1)];
          }));
        }
        return constant("");
      }
      throw new SError(`Assertions of kind ${astNode.kind} not implemented yet!`);
    case "Backreference":
      throw new SError(`Backreference nodes not implemented yet!`);
    case "UnicodeProperty":
      return unicodePropertyArbitrary(astNode);
    default:
      throw raiseUnsupportedASTNode(astNode);
  }
}
function stringMatching(regex, constraints = {}) {
  for (const flag of regex.flags) if (flag !== "d" && flag !== "g" && flag !== "m" && flag !== "s" && flag !== "u") throw new SError(`Unable to use "stringMatching" against a regex using the flag ${flag}`);
  const maxLength = constraints.maxLength;
  const sanitizedConstraints = {
    size: constraints.size,
    maxLength
  };
  const flags = {
    multiline: regex.multiline,
    dotAll: regex.dotAll
  };
  let regexRootToken = addMissingDotStar(tokenizeRegex(regex));
  if (maxLength !== void 0) regexRootToken = clampRegexAst(regexRootToken, maxLength);
  const baseArbitrary = toMatchingArbitrary(regexRootToken, sanitizedConstraints, flags);
  if (maxLength !== void 0) return baseArbitrary.filter((s) => [...s].length <= maxLength);
  return baseArbitrary;
}
function initZippedValues(its) {
  const vs = [];
  for (let index = 0; index !== its.length; ++index) vs.push(its[index].next());
  return vs;
}
function nextZippedValues(its, vs) {
  for (let index = 0; index !== its.length; ++index) vs[index] = its[index].next();
}
function isDoneZippedValues(vs) {
  for (let index = 0; index !== vs.length; ++index) if (vs[index].done) return true;
  return false;
}
function* zipIterableIterators(...its) {
  const vs = initZippedValues(its);
  while (!isDoneZippedValues(vs)) {
    yield vs.map((v) => v.value);
    nextZippedValues(its, vs);
  }
}
function* iotaFrom(startValue) {
  let value = startValue;
  while (true) {
    yield value;
    ++value;
  }
}
var LimitedShrinkArbitrary = class extends Arbitrary {
  constructor(arb, maxShrinks) {
    super();
    this.arb = arb;
    this.maxShrinks = maxShrinks;
  }
  generate(mrng, biasFactor) {
    const value = this.arb.generate(mrng, biasFactor);
    return this.valueMapper(value, 0);
  }
  canShrinkWithoutContext(value) {
    return this.arb.canShrinkWithoutContext(value);
  }
  shrink(value, context2) {
    if (this.isSafeContext(context2)) return this.safeShrink(value, context2.originalContext, context2.length);
    return this.safeShrink(value, void 0, 0);
  }
  safeShrink(value, originalContext, currentLength) {
    const remaining = this.maxShrinks - currentLength;
    if (remaining <= 0) return Stream.nil();
    return new Stream(zipIterableIterators(this.arb.shrink(value, originalContext), iotaFrom(currentLength + 1))).take(remaining).map((valueAndLength) => this.valueMapper(valueAndLength[0], valueAndLength[1]));
  }
  valueMapper(v, newLength) {
    const context2 = {
      originalContext: v.context,
      length: newLength
    };
    return new Value(v.value, context2);
  }
  isSafeContext(context2) {
    return context2 !== null && context2 !== void 0 && typeof context2 === "object" && "originalContext" in context2 && "length" in context2;
  }
};
function limitShrink(arbitrary, maxShrinks) {
  return new LimitedShrinkArbitrary(arbitrary, maxShrinks);
}
var LifeCyclePluginSymbol = /* @__PURE__ */ Symbol.for("fast-check/plugin/life-cycle");
function computeResultingAfterHooks(teardownFunctions, hooks) {
  if (teardownFunctions.length === 0) return hooks.afterHooks;
  if (hooks.afterHooks.length === 0) return teardownFunctions.map((details) => details.fn);
  const afterAndPluginIndices = [];
  for (const value of teardownFunctions) {
    const { index, fn } = value;
    afterAndPluginIndices.push({
      index: hooks.beforeHooksIndices[index],
      fn
    });
  }
  for (let index = 0; index !== hooks.afterHooks.length; ++index) afterAndPluginIndices.push({
    index: hooks.afterHooksIndices[index],
    fn: hooks.afterHooks[index]
  });
  afterAndPluginIndices.sort((a, b) => a.index - b.index);
  return afterAndPluginIndices.map((details) => details.fn);
}
function lifeCycleHooksRunner(hooks, nestedRun, value) {
  let wrappedRunOutput = null;
  let wrappedRunContinuation = void 0;
  const teardownFunctions = [];
  if (hooks.beforeHooks.length !== 0) try {
    for (let index = 0; index !== hooks.beforeHooks.length; ++index) {
      const before = hooks.beforeHooks[index];
      if (wrappedRunContinuation === void 0) {
        const out2 = before();
        if (typeof out2 === "function") teardownFunctions.push({
          index,
          fn: out2
        });
        if (typeof out2 === "object") wrappedRunContinuation = out2.then((beforeOut) => {
          if (beforeOut !== void 0) teardownFunctions.push({
            index,
            fn: beforeOut
          });
          return null;
        });
      } else wrappedRunContinuation = wrappedRunContinuation.then(() => {
        const beforeOut = before();
        if (beforeOut === void 0) return null;
        if (typeof beforeOut === "function") {
          teardownFunctions.push({
            index,
            fn: beforeOut
          });
          return null;
        }
        return beforeOut.then((beforeOutNested) => {
          if (beforeOutNested !== void 0) teardownFunctions.push({
            index,
            fn: beforeOutNested
          });
          return null;
        });
      });
    }
  } catch (error) {
    wrappedRunOutput = { error };
  }
  if (wrappedRunOutput === null) {
    if (wrappedRunContinuation === void 0) {
      const out2 = nestedRun(value);
      if (out2 !== null && "then" in out2) wrappedRunContinuation = out2;
      else wrappedRunOutput = out2;
    } else wrappedRunContinuation = wrappedRunContinuation.then(() => nestedRun(value), (error) => ({ error }));
  }
  if (wrappedRunContinuation === void 0) {
    const resultingAfterHooks = computeResultingAfterHooks(teardownFunctions, hooks);
    for (let index = resultingAfterHooks.length - 1; index >= 0; --index) {
      const after = resultingAfterHooks[index];
      if (wrappedRunContinuation === void 0) try {
        const out2 = after();
        if (typeof out2 === "object") wrappedRunContinuation = out2.then(() => wrappedRunOutput, (error) => wrappedRunOutput || { error });
      } catch (error) {
        wrappedRunOutput = { error };
      }
      else wrappedRunContinuation = wrappedRunContinuation.then((previous) => {
        try {
          const out2 = after();
          if (typeof out2 === "object") return out2.then(() => previous, (error) => previous || { error });
          return previous;
        } catch (error) {
          return previous || { error };
        }
      });
    }
  } else wrappedRunContinuation = wrappedRunContinuation.then((previousBeforeAfters) => {
    const resultingAfterHooks = computeResultingAfterHooks(teardownFunctions, hooks);
    if (resultingAfterHooks.length === 0) return previousBeforeAfters;
    let afterContinuation = Promise.resolve(previousBeforeAfters);
    for (let index = resultingAfterHooks.length - 1; index >= 0; --index) {
      const after = resultingAfterHooks[index];
      afterContinuation = afterContinuation.then((previous) => {
        try {
          const out2 = after();
          return out2 === void 0 ? previous : out2.then(() => previous, (error) => previous || { error });
        } catch (error) {
          return previous || { error };
        }
      });
    }
    return afterContinuation;
  });
  return wrappedRunContinuation === void 0 ? wrappedRunOutput : wrappedRunContinuation;
}
function beforeEach(fn) {
  return (pluginIndex, pluginStore) => {
    let lifeCycleHooks = pluginStore.get(LifeCyclePluginSymbol);
    if (lifeCycleHooks !== void 0 && lifeCycleHooks.lastPluginIndex === pluginIndex - 1) {
      lifeCycleHooks.lastPluginIndex = pluginIndex;
      lifeCycleHooks.beforeHooks.push(fn);
      lifeCycleHooks.beforeHooksIndices.push(pluginIndex);
      return {};
    }
    lifeCycleHooks = {
      lastPluginIndex: pluginIndex,
      beforeHooks: [fn],
      beforeHooksIndices: [pluginIndex],
      afterHooks: [],
      afterHooksIndices: []
    };
    pluginStore.set(LifeCyclePluginSymbol, lifeCycleHooks);
    return { decorateRun: (nestedRun) => (value) => lifeCycleHooksRunner(lifeCycleHooks, nestedRun, value) };
  };
}
function afterEach(fn) {
  return (pluginIndex, pluginStore) => {
    let lifeCycleHooks = pluginStore.get(LifeCyclePluginSymbol);
    if (lifeCycleHooks !== void 0 && lifeCycleHooks.lastPluginIndex === pluginIndex - 1) {
      lifeCycleHooks.lastPluginIndex = pluginIndex;
      lifeCycleHooks.afterHooks.push(fn);
      lifeCycleHooks.afterHooksIndices.push(pluginIndex);
      return {};
    }
    lifeCycleHooks = {
      lastPluginIndex: pluginIndex,
      beforeHooks: [],
      beforeHooksIndices: [],
      afterHooks: [fn],
      afterHooksIndices: [pluginIndex]
    };
    pluginStore.set(LifeCyclePluginSymbol, lifeCycleHooks);
    return { decorateRun: (nestedRun) => (value) => lifeCycleHooksRunner(lifeCycleHooks, nestedRun, value) };
  };
}
function unbiased() {
  return () => {
    return { decorateGenerate: (nestedGenerate) => (mrng, _runId) => nestedGenerate(mrng, void 0) };
  };
}
function fromSyncCachedForAsyncPath(cachedValue) {
  return cachedValue === null ? new PreconditionFailure() : cachedValue;
}
function fromCached(cachedValue) {
  if (cachedValue !== null) {
    if ("then" in cachedValue) return cachedValue.then(fromSyncCachedForAsyncPath);
    else return cachedValue;
  }
  return new PreconditionFailure();
}
function equalValuesRunner(coveredCases, nestedRun, value, skipRuns) {
  const stringifiedValue = stringify(value);
  if (coveredCases.has(stringifiedValue)) {
    const lastOutput = coveredCases.get(stringifiedValue);
    return skipRuns ? fromCached(lastOutput) : lastOutput;
  }
  const out2 = nestedRun(value);
  coveredCases.set(stringifiedValue, out2);
  return out2;
}
function ignoreEqualValues() {
  return () => {
    const coveredCases = /* @__PURE__ */ new Map();
    return { decorateRun: (nestedRun) => (value) => equalValuesRunner(coveredCases, nestedRun, value, false) };
  };
}
function skipEqualValues() {
  return () => {
    const coveredCases = /* @__PURE__ */ new Map();
    return { decorateRun: (nestedRun) => (value) => equalValuesRunner(coveredCases, nestedRun, value, true) };
  };
}
var safeSetTimeout$1 = setTimeout;
var safeClearTimeout$1 = clearTimeout;
var safePerformanceNow = typeof performance !== "undefined" ? performance.now.bind(performance) : Date.now.bind(Date);
function interruptAfterDelay(timeMs, probe2) {
  const limitTime = safePerformanceNow() + timeMs;
  let timeoutHandle = void 0;
  return {
    expired: () => safePerformanceNow() >= limitTime,
    clear: () => safeClearTimeout$1(timeoutHandle),
    promise: new Promise((resolve) => {
      timeoutHandle = safeSetTimeout$1(() => {
        if (probe2.running) probe2.interruptedWhileRunning = true;
        resolve(new PreconditionFailure(true));
      }, timeMs);
    })
  };
}
function timeLimitRunner(interrupt, nestedRun, value, probe2) {
  probe2.running = true;
  if (interrupt.expired()) {
    probe2.interruptedWhileRunning = true;
    probe2.running = false;
    return new PreconditionFailure(true);
  }
  const runOut = nestedRun(value);
  if (runOut === null || !("then" in runOut)) {
    probe2.running = false;
    return runOut;
  }
  runOut.finally(() => probe2.running = false);
  return Promise.race([runOut, interrupt.promise]);
}
function interruptAfterTimeLimit(timeLimitMs, options = {}) {
  return () => {
    const probe2 = {
      interruptedWhileRunning: false,
      running: false
    };
    const interrupt = interruptAfterDelay(timeLimitMs, probe2);
    return {
      decorateRun: (nestedRun) => (value) => timeLimitRunner(interrupt, nestedRun, value, probe2),
      onAllRunsComplete: (runDetails) => {
        interrupt.clear();
        if (options.failOnInterrupt && !runDetails.failed && runDetails.interrupted && probe2.interruptedWhileRunning) return reportRunDetails({
          ...runDetails,
          failed: true
        });
      }
    };
  };
}
var safeSetTimeout = setTimeout;
var safeClearTimeout = clearTimeout;
function timeoutAfter(timeMs) {
  let timeoutHandle = void 0;
  return {
    clear: () => safeClearTimeout(timeoutHandle),
    promise: new Promise((resolve) => {
      timeoutHandle = safeSetTimeout(() => {
        resolve({ error: new SError(`Property timeout: exceeded limit of ${timeMs} milliseconds`) });
      }, timeMs);
    })
  };
}
function timeoutRunner(timeMs, nestedRun, value) {
  const t = timeoutAfter(timeMs);
  const runOut = nestedRun(value);
  if (runOut === null || !("then" in runOut)) {
    t.clear();
    return runOut;
  }
  const propRun = Promise.race([runOut, t.promise]);
  propRun.then(t.clear, t.clear);
  return propRun;
}
function timeout(timeMs) {
  return () => {
    return { decorateRun: (nestedRun) => (value) => timeoutRunner(timeMs, nestedRun, value) };
  };
}
var fast_check_default_exports = /* @__PURE__ */ __exportAll({
  Arbitrary: () => Arbitrary,
  ExecutionStatus: () => ExecutionStatus,
  PreconditionFailure: () => PreconditionFailure,
  Random: () => Random,
  Stream: () => Stream,
  Value: () => Value,
  VerbosityLevel: () => VerbosityLevel,
  __commitHash: () => __commitHash,
  __type: () => __type,
  __version: () => __version,
  afterEach: () => afterEach,
  anything: () => anything,
  array: () => array,
  assert: () => assert,
  asyncDefaultReportMessage: () => asyncDefaultReportMessage,
  asyncModelRun: () => asyncModelRun,
  asyncProperty: () => asyncProperty,
  asyncStringify: () => asyncStringify,
  asyncToStringMethod: () => asyncToStringMethod,
  base64String: () => base64String,
  beforeEach: () => beforeEach,
  bigInt: () => bigInt,
  bigInt64Array: () => bigInt64Array,
  bigUint64Array: () => bigUint64Array,
  boolean: () => boolean,
  chainUntil: () => chainUntil,
  check: () => check,
  clone: () => clone,
  cloneIfNeeded: () => cloneIfNeeded,
  cloneMethod: () => cloneMethod,
  commands: () => commands,
  compareBooleanFunc: () => compareBooleanFunc,
  compareFunc: () => compareFunc,
  configureGlobal: () => configureGlobal,
  constant: () => constant,
  constantFrom: () => constantFrom,
  context: () => context,
  createDepthIdentifier: () => createDepthIdentifier,
  date: () => date,
  defaultReportMessage: () => defaultReportMessage,
  dictionary: () => dictionary,
  domain: () => domain,
  double: () => double,
  emailAddress: () => emailAddress,
  entityGraph: () => entityGraph,
  falsy: () => falsy,
  float: () => float,
  float32Array: () => float32Array,
  float64Array: () => float64Array,
  func: () => func,
  gen: () => gen,
  getDepthContextFor: () => getDepthContextFor,
  hasAsyncToStringMethod: () => hasAsyncToStringMethod,
  hasCloneMethod: () => hasCloneMethod,
  hasToStringMethod: () => hasToStringMethod,
  hash: () => hash,
  ignoreEqualValues: () => ignoreEqualValues,
  infiniteStream: () => infiniteStream,
  installGlobalPlugin: () => installGlobalPlugin,
  int16Array: () => int16Array,
  int32Array: () => int32Array,
  int8Array: () => int8Array,
  integer: () => integer,
  interruptAfterTimeLimit: () => interruptAfterTimeLimit,
  ipV4: () => ipV4,
  ipV4Extended: () => ipV4Extended,
  ipV6: () => ipV6,
  json: () => json,
  jsonValue: () => jsonValue,
  letrec: () => letrec,
  limitShrink: () => limitShrink,
  lorem: () => lorem,
  map: () => map,
  mapToConstant: () => mapToConstant,
  maxSafeInteger: () => maxSafeInteger,
  maxSafeNat: () => maxSafeNat,
  memo: () => memo,
  mixedCase: () => mixedCase,
  modelRun: () => modelRun,
  nat: () => nat,
  noBias: () => noBias,
  noShrink: () => noShrink,
  object: () => object,
  oneof: () => oneof,
  option: () => option,
  pre: () => pre,
  property: () => property,
  readConfigureGlobal: () => readConfigureGlobal,
  record: () => record,
  resetConfigureGlobal: () => resetConfigureGlobal,
  sample: () => sample,
  scheduledModelRun: () => scheduledModelRun,
  scheduler: () => scheduler,
  schedulerFor: () => schedulerFor,
  set: () => set,
  shuffledSubarray: () => shuffledSubarray,
  skipEqualValues: () => skipEqualValues,
  sparseArray: () => sparseArray,
  statistics: () => statistics,
  stream: () => stream,
  string: () => string,
  stringMatching: () => stringMatching,
  stringify: () => stringify,
  subarray: () => subarray,
  timeout: () => timeout,
  toStringMethod: () => toStringMethod,
  tuple: () => tuple,
  uint16Array: () => uint16Array,
  uint32Array: () => uint32Array,
  uint8Array: () => uint8Array,
  uint8ClampedArray: () => uint8ClampedArray,
  ulid: () => ulid,
  unbiased: () => unbiased,
  uniqueArray: () => uniqueArray,
  uuid: () => uuid,
  webAuthority: () => webAuthority,
  webFragments: () => webFragments,
  webPath: () => webPath,
  webQueryParameters: () => webQueryParameters,
  webSegment: () => webSegment,
  webUrl: () => webUrl
});
var __type = "module";
var __version = "4.10.2";
var __commitHash = "c77afa8277a67250d798c52e61343b8ed5fd268b";
var fast_check_default = fast_check_default_exports;

// src/graph/ops/arith.ts
var arith_exports = {};
__export(arith_exports, {
  add: () => add,
  broadcast_to: () => broadcast_to,
  div: () => div,
  max: () => max,
  min: () => min,
  mul: () => mul,
  neg: () => neg,
  pow: () => pow,
  square: () => square,
  sub: () => sub,
  sum_to: () => sum_to
});

// src/graph/tensor.ts
var Tensor = class _Tensor {
  constructor(shape, data3) {
    this.shape = shape;
    this.data = data3;
  }
  shape;
  data;
  get size() {
    return this.data.length;
  }
  static zeros(shape) {
    return new _Tensor(shape, new Float64Array(sizeOf(shape)));
  }
  static filled(shape, v) {
    return new _Tensor(shape, new Float64Array(sizeOf(shape)).fill(v));
  }
  /** From nested arrays (`[[1,2],[3,4]]`); ragged input throws. */
  static from(nested) {
    if (typeof nested === "number") return nested;
    const shape = [];
    let probe2 = nested;
    while (Array.isArray(probe2)) {
      shape.push(probe2.length);
      probe2 = probe2[0];
      if (shape.length > 32) throw new Error("arrays nested more than 32 deep");
    }
    const data3 = new Float64Array(sizeOf(shape));
    let k = 0;
    const walk = (v, depth) => {
      if (depth === shape.length) {
        if (typeof v !== "number") throw new Error("array entries must be numbers");
        data3[k++] = v;
        return;
      }
      if (!Array.isArray(v) || v.length !== shape[depth]) throw new Error("ragged array");
      for (const item of v) walk(item, depth + 1);
    };
    walk(nested, 0);
    return new _Tensor(shape, data3);
  }
  /** Nested arrays, as JSON shows a value. */
  toNested() {
    let k = 0;
    const build = (depth) => {
      if (depth === this.shape.length) return this.data[k++];
      const out2 = [];
      for (let i = 0; i < this.shape[depth]; i++) out2.push(build(depth + 1));
      return out2;
    };
    return build(0);
  }
};
function sizeOf(shape) {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}
function shapeOf(v) {
  return typeof v === "number" ? [] : v.shape;
}
function sameShape(a, b) {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
function fmtShape(s) {
  return `[${s.join(",")}]`;
}
function broadcastShapes(a, b) {
  const n = Math.max(a.length, b.length);
  const out2 = [];
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) return void 0;
    out2.push(da === 1 ? db : da);
  }
  return out2;
}
function map2(x, f) {
  if (typeof x === "number") return f(x);
  const out2 = new Float64Array(x.data.length);
  for (let i = 0; i < out2.length; i++) out2[i] = f(x.data[i]);
  return new Tensor(x.shape, out2);
}
function zip(a, b, f) {
  if (typeof a === "number" && typeof b === "number") return f(a, b);
  const sa = shapeOf(a);
  const sb = shapeOf(b);
  const shape = broadcastShapes(sa, sb);
  if (!shape) throw new Error(`cannot broadcast ${fmtShape(sa)} with ${fmtShape(sb)}`);
  const n = sizeOf(shape);
  const out2 = new Float64Array(n);
  const ad = typeof a === "number" ? void 0 : a.data;
  const bd = typeof b === "number" ? void 0 : b.data;
  if (!ad) {
    const ib = bd.length === n ? void 0 : indexMap(shape, sb);
    for (let i = 0; i < n; i++) out2[i] = f(a, bd[ib ? ib[i] : i]);
  } else if (!bd) {
    const ia = ad.length === n ? void 0 : indexMap(shape, sa);
    for (let i = 0; i < n; i++) out2[i] = f(ad[ia ? ia[i] : i], b);
  } else if (ad.length === n && bd.length === n) {
    for (let i = 0; i < n; i++) out2[i] = f(ad[i], bd[i]);
  } else {
    const ia = indexMap(shape, sa);
    const ib = indexMap(shape, sb);
    for (let i = 0; i < n; i++) out2[i] = f(ad[ia[i]], bd[ib[i]]);
  }
  return new Tensor(shape, out2);
}
var maps = /* @__PURE__ */ new Map();
function indexMap(shape, src) {
  const key = `${shape.join(",")}|${src.join(",")}`;
  let m = maps.get(key);
  if (m) return m;
  m = buildIndexMap(shape, src);
  if (maps.size >= 16) maps.delete(maps.keys().next().value);
  maps.set(key, m);
  return m;
}
function buildIndexMap(shape, src) {
  const n = sizeOf(shape);
  const out2 = new Int32Array(n);
  const rank = shape.length;
  const strides = new Array(rank).fill(0);
  let stride = 1;
  for (let i = src.length - 1; i >= 0; i--) {
    const axis = rank - src.length + i;
    strides[axis] = src[i] === 1 ? 0 : stride;
    stride *= src[i];
  }
  const counter = new Array(rank).fill(0);
  let offset = 0;
  for (let i = 0; i < n; i++) {
    out2[i] = offset;
    for (let ax = rank - 1; ax >= 0; ax--) {
      counter[ax]++;
      offset += strides[ax];
      if (counter[ax] < shape[ax]) break;
      offset -= strides[ax] * counter[ax];
      counter[ax] = 0;
    }
  }
  return out2;
}
function sumTo(x, shape, out2) {
  const sx = shapeOf(x);
  if (sameShape(sx, shape)) return x;
  const t = x;
  if (shape.length === 0) {
    let s = 0;
    for (let i = 0; i < t.data.length; i++) s += t.data[i];
    return s;
  }
  if (out2) out2.fill(0);
  else out2 = new Float64Array(sizeOf(shape));
  const idx = indexMap(sx, shape);
  for (let i = 0; i < t.data.length; i++) out2[idx[i]] += t.data[i];
  return new Tensor(shape, out2);
}
function broadcastTo(x, shape, into2) {
  const sx = shapeOf(x);
  if (sameShape(sx, shape)) return x;
  const out2 = broadcastShapes(sx, shape);
  if (!out2) throw new Error(`cannot broadcast ${fmtShape(sx)} with ${fmtShape(shape)}`);
  const n = sizeOf(out2);
  if (typeof x === "number" || x.data.length === 1) return new Tensor(out2, (into2 ?? new Float64Array(n)).fill(typeof x === "number" ? x : x.data[0]));
  const d = into2 ?? new Float64Array(n);
  const src = x.data;
  const idx = indexMap(out2, sx);
  for (let i = 0; i < n; i++) d[i] = src[idx[i]];
  return new Tensor(out2, d);
}

// src/errors.ts
var CgError = class _CgError extends Error {
  code;
  span;
  source;
  hint;
  /** Exit status: 2 for bad input (the default), 1 for a failed check. */
  exitCode;
  constructor(code, message, opts = {}) {
    super(message);
    this.name = "CgError";
    this.code = code;
    this.span = opts.span;
    this.source = opts.source;
    this.hint = opts.hint;
    this.exitCode = opts.exitCode ?? 2;
  }
  /** The same error pointing into a different source (e.g. after re-parsing a sub-string). */
  withSource(source, offset = 0) {
    const span = this.span && { start: this.span.start + offset, end: this.span.end + offset };
    return new _CgError(this.code, this.message, { span, source, hint: this.hint, exitCode: this.exitCode });
  }
};

// src/native/gemm.ts
var MR = 4;
var NR = 4;
var KC = 256;
var MC = 64;
var NC = 1024;
var packA = new Float64Array(0);
var packB = new Float64Array(0);
function fail(kind, msg) {
  throw kind === "type" ? new TypeError(`gemm: ${msg}`) : new RangeError(`gemm: ${msg}`);
}
function isFloatArray(x) {
  return x instanceof Float64Array || x instanceof Float32Array;
}
function checkDim(name, v, min2) {
  if (typeof v !== "number") fail("type", `${name} must be a number`);
  if (!(Number.isInteger(v) && v >= min2 && v <= 2147483647)) {
    fail("range", `${name} must be an integer in [${min2}, 2147483647], got ${v}`);
  }
}
function checkFits(name, arr, rows, cols, ld, ldName) {
  const minLd = Math.max(1, cols);
  if (ld < minLd) fail("range", `${ldName} = ${ld} is less than the ${cols} columns of the stored ${name}`);
  const need = rows > 0 && cols > 0 ? (rows - 1) * ld + cols : 0;
  if (need > arr.length) {
    fail("range", `${name} (${rows}x${cols}, ${ldName} ${ld}) needs ${need} elements but the array has ${arr.length}`);
  }
  return need;
}
function overlaps(a, aSpan, b, bSpan) {
  if (a.buffer !== b.buffer || aSpan === 0 || bSpan === 0) return false;
  const a0 = a.byteOffset, a1 = a0 + aSpan * a.BYTES_PER_ELEMENT;
  const b0 = b.byteOffset, b1 = b0 + bSpan * b.BYTES_PER_ELEMENT;
  return a0 < b1 && b0 < a1;
}
function checkArity(count2) {
  if (count2 !== 13) fail("type", `expected 13 arguments (transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc), got ${count2}`);
}
function checkGemmArgs(transA, transB, m, n, k, alpha, A2, lda, B2, ldb, beta, C2, ldc) {
  if (typeof transA !== "boolean") fail("type", "transA must be a boolean");
  if (typeof transB !== "boolean") fail("type", "transB must be a boolean");
  checkDim("m", m, 0);
  checkDim("n", n, 0);
  checkDim("k", k, 0);
  if (typeof alpha !== "number") fail("type", "alpha must be a number");
  if (!isFloatArray(A2)) fail("type", "A must be a Float64Array or Float32Array");
  checkDim("lda", lda, 1);
  if (!isFloatArray(B2)) fail("type", "B must be a Float64Array or Float32Array");
  checkDim("ldb", ldb, 1);
  if (typeof beta !== "number") fail("type", "beta must be a number");
  if (!isFloatArray(C2)) fail("type", "C must be a Float64Array or Float32Array");
  checkDim("ldc", ldc, 1);
  if (A2.constructor !== B2.constructor || A2.constructor !== C2.constructor) {
    fail("type", "A, B and C must have the same dtype (all Float64Array or all Float32Array)");
  }
  const M2 = m, N2 = n, K = k;
  const sa = checkFits("A", A2, transA ? K : M2, transA ? M2 : K, lda, "lda");
  const sb = checkFits("B", B2, transB ? N2 : K, transB ? K : N2, ldb, "ldb");
  const sc = checkFits("C", C2, M2, N2, ldc, "ldc");
  if (overlaps(C2, sc, A2, sa) || overlaps(C2, sc, B2, sb)) fail("range", "C must not overlap A or B");
}
function gemmTS(transA, transB, m, n, k, alpha, A2, lda, B2, ldb, beta, C2, ldc) {
  if (arguments.length !== 13) checkArity(arguments.length);
  checkGemmArgs(transA, transB, m, n, k, alpha, A2, lda, B2, ldb, beta, C2, ldc);
  gemmUnchecked(transA, transB, m, n, k, alpha, A2, lda, B2, ldb, beta, C2, ldc);
}
function gemmUnchecked(transA, transB, m, n, k, alpha, A2, lda, B2, ldb, beta, C2, ldc) {
  if (m === 0 || n === 0) return;
  scaleC(m, n, beta, C2, ldc);
  if (k === 0 || alpha === 0) return;
  const kcMax = Math.min(KC, k);
  const needA = kcMax * Math.min(MC, roundUp(m, MR));
  const needB = kcMax * Math.min(NC, roundUp(n, NR));
  if (packA.length < needA) packA = new Float64Array(needA);
  if (packB.length < needB) packB = new Float64Array(needB);
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      packPanelB(transB, B2, ldb, pc, jc, kc, nc, packB);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        packPanelA(transA, A2, lda, ic, pc, mc, kc, alpha, packA);
        macroKernel(mc, nc, kc, packA, packB, C2, ic * ldc + jc, ldc);
      }
    }
  }
}
function roundUp(x, to) {
  return Math.ceil(x / to) * to;
}
function scaleC(m, n, beta, C2, ldc) {
  if (beta === 1) return;
  for (let i = 0; i < m; i++) {
    const row = i * ldc;
    if (beta === 0) C2.fill(0, row, row + n);
    else for (let j = row; j < row + n; j++) C2[j] *= beta;
  }
}
function packPanelA(trans, A2, lda, ic, pc, mc, kc, alpha, out2) {
  for (let r = 0; r < mc; r += MR) {
    const rows = Math.min(MR, mc - r);
    const base = r * kc;
    if (!trans) {
      for (let i = 0; i < MR; i++) {
        if (i < rows) {
          let src = (ic + r + i) * lda + pc;
          for (let p = 0, d = base + i; p < kc; p++, d += MR) out2[d] = alpha * A2[src++];
        } else {
          for (let p = 0, d = base + i; p < kc; p++, d += MR) out2[d] = 0;
        }
      }
    } else {
      for (let p = 0; p < kc; p++) {
        const src = (pc + p) * lda + ic + r;
        const d = base + p * MR;
        for (let i = 0; i < MR; i++) out2[d + i] = i < rows ? alpha * A2[src + i] : 0;
      }
    }
  }
}
function packPanelB(trans, B2, ldb, pc, jc, kc, nc, out2) {
  for (let s = 0; s < nc; s += NR) {
    const cols = Math.min(NR, nc - s);
    const base = s * kc;
    if (!trans) {
      for (let p = 0; p < kc; p++) {
        const src = (pc + p) * ldb + jc + s;
        const d = base + p * NR;
        if (cols === NR) {
          out2[d] = B2[src];
          out2[d + 1] = B2[src + 1];
          out2[d + 2] = B2[src + 2];
          out2[d + 3] = B2[src + 3];
        } else {
          for (let j = 0; j < NR; j++) out2[d + j] = j < cols ? B2[src + j] : 0;
        }
      }
    } else {
      for (let j = 0; j < NR; j++) {
        if (j < cols) {
          let src = (jc + s + j) * ldb + pc;
          for (let p = 0, d = base + j; p < kc; p++, d += NR) out2[d] = B2[src++];
        } else {
          for (let p = 0, d = base + j; p < kc; p++, d += NR) out2[d] = 0;
        }
      }
    }
  }
}
function macroKernel(mc, nc, kc, Ap, Bp, C2, cOff, ldc) {
  for (let s = 0; s < nc; s += NR) {
    const cols = Math.min(NR, nc - s);
    const bBase = s * kc;
    for (let r = 0; r < mc; r += MR) {
      const rows = Math.min(MR, mc - r);
      let a = r * kc;
      let b = bBase;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
      let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
      let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let p = 0; p < kc; p++) {
        const a0 = Ap[a], a1 = Ap[a + 1], a2 = Ap[a + 2], a3 = Ap[a + 3];
        const b0 = Bp[b], b1 = Bp[b + 1], b2 = Bp[b + 2], b3 = Bp[b + 3];
        c00 += a0 * b0;
        c01 += a0 * b1;
        c02 += a0 * b2;
        c03 += a0 * b3;
        c10 += a1 * b0;
        c11 += a1 * b1;
        c12 += a1 * b2;
        c13 += a1 * b3;
        c20 += a2 * b0;
        c21 += a2 * b1;
        c22 += a2 * b2;
        c23 += a2 * b3;
        c30 += a3 * b0;
        c31 += a3 * b1;
        c32 += a3 * b2;
        c33 += a3 * b3;
        a += MR;
        b += NR;
      }
      const c = cOff + r * ldc + s;
      if (rows === MR && cols === NR) {
        let o = c;
        C2[o] += c00;
        C2[o + 1] += c01;
        C2[o + 2] += c02;
        C2[o + 3] += c03;
        o += ldc;
        C2[o] += c10;
        C2[o + 1] += c11;
        C2[o + 2] += c12;
        C2[o + 3] += c13;
        o += ldc;
        C2[o] += c20;
        C2[o + 1] += c21;
        C2[o + 2] += c22;
        C2[o + 3] += c23;
        o += ldc;
        C2[o] += c30;
        C2[o + 1] += c31;
        C2[o + 2] += c32;
        C2[o + 3] += c33;
      } else {
        addEdge(
          C2,
          c,
          ldc,
          rows,
          cols,
          c00,
          c01,
          c02,
          c03,
          c10,
          c11,
          c12,
          c13,
          c20,
          c21,
          c22,
          c23,
          c30,
          c31,
          c32,
          c33
        );
      }
    }
  }
}
function addEdge(C2, c, ldc, rows, cols, c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33) {
  const t = [c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33];
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) C2[c + i * ldc + j] += t[i * 4 + j];
  }
}

// src/native/load.ts
import { existsSync, readFileSync as readFileSync3 } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// src/native/openblas-env.ts
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
function coretypeForFlags(flags) {
  const words = new Set(flags.replace(/^[^:]*:/, " ").split(/\s+/).filter(Boolean));
  if (words.has("avx512f")) return "SkylakeX";
  if (words.has("avx2") && words.has("fma")) return "Haswell";
  return void 0;
}
function cpuFlags(cpuinfoPath = "/proc/cpuinfo") {
  try {
    const text = readFileSync(cpuinfoPath, "utf8");
    const line = text.split("\n").find((l) => /^flags\s*:/.test(l));
    return line ?? "";
  } catch {
    return "";
  }
}
function positiveInt(s) {
  if (s === void 0 || !/^\s*\d+\s*$/.test(s)) return void 0;
  const v = Number(s);
  return v >= 1 ? v : void 0;
}
function prepareOpenBlasEnv(env = process.env, flags) {
  let coretype = env.OPENBLAS_CORETYPE || void 0;
  let coretypeSource = coretype ? "user" : "none";
  if (!coretype) {
    coretype = coretypeForFlags(flags ?? cpuFlags());
    if (coretype) {
      env.OPENBLAS_CORETYPE = coretype;
      coretypeSource = "cpuinfo";
    }
  }
  let threads;
  let threadsSource;
  const cg = positiveInt(env.CG_THREADS);
  const user = positiveInt(env.OPENBLAS_NUM_THREADS);
  if (cg !== void 0) {
    threads = cg;
    threadsSource = "CG_THREADS";
  } else if (user !== void 0) {
    threads = user;
    threadsSource = "OPENBLAS_NUM_THREADS";
  } else {
    threads = availableParallelism();
    threadsSource = "cores";
  }
  if (threadsSource !== "OPENBLAS_NUM_THREADS") env.OPENBLAS_NUM_THREADS = String(threads);
  return { coretype, coretypeSource, threads, threadsSource };
}

// src/native/wasm.ts
import { readFileSync as readFileSync2 } from "node:fs";

// src/native/loss-kernels.ts
function softmaxRowsKernel(z, out2, rows, cols) {
  for (let r = 0, o = 0; r < rows; r++, o += cols) {
    let m = -Infinity;
    for (let j = o; j < o + cols; j++) if (z[j] > m) m = z[j];
    if (m === Infinity || m === -Infinity) m = 0;
    let s = 0;
    for (let j = o; j < o + cols; j++) {
      const e = Math.exp(z[j] - m);
      out2[j] = e;
      s += e;
    }
    const inv = 1 / s;
    for (let j = o; j < o + cols; j++) out2[j] *= inv;
  }
}
function logsumexpRowsKernel(z, out2, rows, cols) {
  for (let r = 0, o = 0; r < rows; r++, o += cols) out2[r] = logsumexpRow(z, o, cols);
}
function logsumexpRow(z, o, cols) {
  let m = -Infinity;
  for (let j = o; j < o + cols; j++) if (z[j] > m) m = z[j];
  if (m === Infinity || m === -Infinity) return m;
  let s = 0;
  for (let j = o; j < o + cols; j++) s += Math.exp(z[j] - m);
  return m + Math.log(s);
}
function softmaxCrossEntropyKernel(z, y, rows, cols) {
  let total2 = 0;
  for (let r = 0, o = 0; r < rows; r++, o += cols) {
    const lse = logsumexpRow(z, o, cols);
    let sy = 0;
    let syz = 0;
    for (let j = o; j < o + cols; j++) {
      if (y[j] === 0) continue;
      sy += y[j];
      syz += y[j] * z[j];
    }
    total2 += sy === 0 ? 0 : lse * sy - syz;
  }
  return total2 / rows;
}
function mseKernel(p, t, n) {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const d = p[i] - t[i];
    s += d * d;
  }
  return s / n;
}
function bceLogitsKernel(z, y, n) {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const v = z[i];
    s += (v > 0 ? v : 0) - v * y[i] + Math.log1p(Math.exp(-Math.abs(v)));
  }
  return s / n;
}

// src/native/elementwise.ts
var ACT = { identity: 0, relu: 1, tanh: 2, sigmoid: 3, sign: 4 };
function isFloat(a) {
  return a instanceof Float32Array || a instanceof Float64Array;
}
function check2(fn, arrs) {
  let kind;
  for (const [name, a, need] of arrs) {
    if (a === null) continue;
    if (!isFloat(a)) throw new TypeError(`${fn}: ${name} must be a Float32Array or Float64Array`);
    const f642 = a instanceof Float64Array;
    if (kind !== void 0 && kind !== f642) throw new TypeError(`${fn}: arrays must all be Float32Array or all Float64Array`);
    kind = f642;
    if (a.length < need) throw new RangeError(`${fn}: ${name} has ${a.length} entries, needs ${need}`);
  }
}
function count(fn, name, v) {
  if (typeof v !== "number") throw new TypeError(`${fn}: ${name} must be a number`);
  if (!(v >= 0 && Number.isSafeInteger(v))) throw new RangeError(`${fn}: ${name} must be a non-negative integer, got ${v}`);
  return v;
}
function actKind(fn, a, backward = false) {
  count(fn, "act", a);
  if (a > 4) throw new RangeError(`${fn}: act must be 0..4 (identity, relu, tanh, sigmoid, sign)`);
  if (a === ACT.sign && !backward) throw new RangeError(`${fn}: act sign has no forward kernel`);
  return a;
}
function sigmoid(v) {
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
}
var loops = {
  // Branch-free (v + |v|)/2: a data-dependent branch mispredicts on half of a layer's units
  // (4x slower), and Math.max is 4x slower still in V8. NaN and -Infinity give NaN (a
  // pre-activation of -Infinity is a diverged run: better flagged than hidden as 0).
  relu(x, o, n) {
    for (let i = 0; i < n; i++) {
      const v = x[i];
      o[i] = (v + Math.abs(v)) * 0.5;
    }
  },
  reluBackward(g, y, o, n) {
    for (let i = 0; i < n; i++) o[i] = g[i] * +(y[i] > 0);
  },
  signBackward(g, y, o, n) {
    for (let i = 0; i < n; i++) {
      const v = y[i];
      o[i] = g[i] * (+(v > 0) - +(v < 0));
    }
  },
  tanhBackward(g, y, o, n) {
    for (let i = 0; i < n; i++) {
      const v = y[i];
      o[i] = g[i] * (1 - v * v);
    }
  },
  sigmoidBackward(g, y, o, n) {
    for (let i = 0; i < n; i++) {
      const v = y[i];
      o[i] = g[i] * (v * (1 - v));
    }
  }
};
function act(a, x, o, n) {
  if (a === ACT.relu) loops.relu(x, o, n);
  else if (a === ACT.tanh) for (let i = 0; i < n; i++) o[i] = Math.tanh(x[i]);
  else if (a === ACT.sigmoid) for (let i = 0; i < n; i++) o[i] = sigmoid(x[i]);
  else if (o !== x) o.set(x.subarray(0, n));
}
function actBackward(a, g, y, o, n) {
  if (a === ACT.relu) loops.reluBackward(g, y, o, n);
  else if (a === ACT.sign) loops.signBackward(g, y, o, n);
  else if (a === ACT.tanh) loops.tanhBackward(g, y, o, n);
  else if (a === ACT.sigmoid) loops.sigmoidBackward(g, y, o, n);
  else if (o !== g) o.set(g.subarray(0, n));
}
function softmaxCE(z, y, rows, cols, dz, scale) {
  if (dz) {
    for (let r = 0, o = 0; r < rows; r++, o += cols) {
      const lse = logsumexpRow(z, o, cols);
      let sy = 0;
      for (let j = o; j < o + cols; j++) if (y[j] !== 0) sy += y[j];
      for (let j = o; j < o + cols; j++) dz[j] = scale * (Math.exp(z[j] - lse) * sy - y[j]);
    }
  }
  return rows ? softmaxCrossEntropyKernel(z, y, rows, cols) : 0;
}
function sgd(w, g, lr, wd) {
  const n = w.length;
  let acc = 0;
  if (wd === 0) {
    for (let i = 0; i < n; i++) {
      const d = g[i];
      acc += d * 0;
      w[i] -= lr * d;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const d = g[i];
      acc += d * 0;
      w[i] -= lr * (d + wd * w[i]);
    }
  }
  return acc === 0;
}
function momentum(w, g, vel, lr, mu, wd) {
  const n = w.length;
  let acc = 0;
  if (g) {
    for (let i = 0; i < n; i++) {
      const d = g[i] + wd * w[i];
      acc += d * 0;
      const v = mu * vel[i] + d;
      vel[i] = v;
      w[i] -= lr * v;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const v = vel[i] + wd * w[i];
      acc += v * 0;
      vel[i] = v;
      w[i] -= lr * v;
    }
  }
  return acc === 0;
}
function adam(w, g, m, v, stepSize, sqrtBc2, b1, b2, eps, wd, decoupled) {
  const n = w.length;
  const c1 = 1 - b1;
  const c2 = 1 - b2;
  let acc = 0;
  if (!decoupled) {
    for (let i = 0; i < n; i++) {
      const d = g[i] + wd * w[i];
      acc += d * 0;
      const mi = b1 * m[i] + c1 * d;
      const vi = b2 * v[i] + c2 * d * d;
      m[i] = mi;
      v[i] = vi;
      w[i] -= stepSize * mi / (Math.sqrt(vi) / sqrtBc2 + eps);
    }
  } else {
    for (let i = 0; i < n; i++) {
      const d = g[i];
      acc += d * 0;
      const mi = b1 * m[i] + c1 * d;
      const vi = b2 * v[i] + c2 * d * d;
      m[i] = mi;
      v[i] = vi;
      const wi = w[i] - wd * w[i];
      w[i] = wi - stepSize * mi / (Math.sqrt(vi) / sqrtBc2 + eps);
    }
  }
  return acc === 0;
}
var checkArgs = {
  biasAct(a, C2, bias, rows, cols, out2) {
    const k = actKind("biasAct", a);
    count("biasAct", "rows", rows);
    count("biasAct", "cols", cols);
    check2("biasAct", [["C", C2, rows * cols], ["bias", bias, cols], ["out", out2, rows * cols]]);
    return k;
  },
  act(a, x, o, n) {
    const k = actKind("act", a);
    count("act", "n", n);
    check2("act", [["x", x, n], ["out", o, n]]);
    return k;
  },
  actBackward(a, g, y, o, n) {
    const k = actKind("actBackward", a, true);
    count("actBackward", "n", n);
    check2("actBackward", [["g", g, n], ["y", y, n], ["out", o, n]]);
    return k;
  },
  softmaxCE(z, y, rows, cols, dz, scale) {
    count("softmaxCE", "rows", rows);
    count("softmaxCE", "cols", cols);
    if (typeof scale !== "number") throw new TypeError("softmaxCE: scale must be a number");
    check2("softmaxCE", [["z", z, rows * cols], ["y", y, rows * cols], ["dz", dz, rows * cols]]);
  },
  sgd(w, g) {
    check2("sgd", [["w", w, 0], ["g", g, w.length]]);
  },
  momentum(w, g, v) {
    check2("momentum", [["w", w, 0], ["g", g, w.length], ["v", v, w.length]]);
  },
  adam(w, g, m, v, decoupled) {
    check2("adam", [["w", w, 0], ["g", g, w.length], ["m", m, w.length], ["v", v, w.length]]);
    if (typeof decoupled !== "boolean") throw new TypeError("adam: decoupled must be a boolean");
  }
};
var elementwiseTS = {
  biasAct(a, C2, bias, rows, cols, out2) {
    const k = checkArgs.biasAct(a, C2, bias, rows, cols, out2);
    for (let r = 0, o = 0; r < rows; r++, o += cols) {
      if (bias) for (let j = 0; j < cols; j++) C2[o + j] += bias[j];
    }
    act(k, C2, out2, rows * cols);
  },
  act(a, x, o, n) {
    act(checkArgs.act(a, x, o, n), x, o, n);
  },
  actBackward(a, g, y, o, n) {
    actBackward(checkArgs.actBackward(a, g, y, o, n), g, y, o, n);
  },
  softmaxCE(z, y, rows, cols, dz, scale) {
    checkArgs.softmaxCE(z, y, rows, cols, dz, scale);
    return softmaxCE(z, y, rows, cols, dz, scale);
  },
  gatherRows(src, cols, idx, start, rows, dst) {
    count("gatherRows", "cols", cols);
    count("gatherRows", "start", start);
    count("gatherRows", "rows", rows);
    if (!(idx instanceof Int32Array)) throw new TypeError("gatherRows: idx must be an Int32Array");
    if (start + rows > idx.length) throw new RangeError(`gatherRows: idx has ${idx.length} entries, needs ${start} + ${rows}`);
    check2("gatherRows", [["src", src, 0], ["dst", dst, rows * cols]]);
    if (cols === 0 || rows === 0) return;
    const srcRows = Math.floor(src.length / cols);
    for (let i = 0; i < rows; i++) {
      const r = idx[start + i];
      if (r < 0 || r >= srcRows) throw new RangeError(`gatherRows: idx[${start + i}] = ${r} is not a row of src (${srcRows} rows)`);
    }
    for (let i = 0; i < rows; i++) {
      const r = idx[start + i];
      dst.set(src.subarray(r * cols, (r + 1) * cols), i * cols);
    }
  },
  sgd(w, g, lr, wd) {
    checkArgs.sgd(w, g);
    return sgd(w, g, lr, wd);
  },
  momentum(w, g, v, lr, mu, wd) {
    checkArgs.momentum(w, g, v);
    return momentum(w, g, v, lr, mu, wd);
  },
  adam(w, g, m, v, stepSize, sqrtBc2, b1, b2, eps, wd, decoupled) {
    checkArgs.adam(w, g, m, v, decoupled);
    return adam(w, g, m, v, stepSize, sqrtBc2, b1, b2, eps, wd, decoupled);
  }
};

// src/native/wasm-elementwise.ts
var BASE = 65536;
var align = (x) => x + 63 & ~63;
var IN = 1;
var OUT = 2;
var Frame = class {
  constructor(mem, base, fixed) {
    this.mem = mem;
    this.base = base;
    this.fixed = fixed;
  }
  mem;
  base;
  fixed;
  arrs = [];
  ptrs = [];
  lens = [];
  modes = [];
  top = 0;
  reset() {
    this.arrs.length = this.ptrs.length = this.lens.length = this.modes.length = 0;
    this.top = this.base;
  }
  put(a, n, mode) {
    if (a === null) return 0;
    if (a.buffer === this.mem.buffer) return a.byteOffset;
    const k = this.arrs.indexOf(a);
    if (k >= 0) {
      this.modes[k] |= mode;
      return this.ptrs[k];
    }
    const at = this.top;
    this.top = align(at + n * a.BYTES_PER_ELEMENT);
    this.arrs.push(a);
    this.ptrs.push(at);
    this.lens.push(n);
    this.modes.push(mode);
    return at;
  }
  /** Copies the inputs in; false when the memory has no room and may not or cannot grow (the caller falls back). */
  enter() {
    const have = this.mem.buffer.byteLength;
    if (this.top > have) {
      if (this.fixed) return false;
      try {
        this.mem.grow(Math.ceil((this.top - have) / 65536));
      } catch {
        return false;
      }
    }
    const buf = this.mem.buffer;
    for (let i = 0; i < this.arrs.length; i++) {
      const [a, n] = [this.arrs[i], this.lens[i]];
      if (this.modes[i] & IN && n > 0) view(buf, a, this.ptrs[i], n).set(n === a.length ? a : a.subarray(0, n));
    }
    return true;
  }
  /** Copies the outputs back. */
  leave() {
    const buf = this.mem.buffer;
    for (let i = 0; i < this.arrs.length; i++) {
      const [a, n] = [this.arrs[i], this.lens[i]];
      if (this.modes[i] & OUT && n > 0) a.set(view(buf, a, this.ptrs[i], n));
    }
  }
};
function view(buf, like, at, n) {
  return like instanceof Float64Array ? new Float64Array(buf, at, n) : new Float32Array(buf, at, n);
}
function elementwiseOn(ex, base, fixed, fallback = elementwiseTS) {
  const f = new Frame(ex.memory, base, fixed);
  return {
    biasAct(a, C2, bias, rows, cols, out2) {
      const k = checkArgs.biasAct(a, C2, bias, rows, cols, out2);
      const n = rows * cols;
      if (n === 0) return;
      f.reset();
      const pc = f.put(C2, n, IN | OUT);
      const pb = f.put(bias, cols, IN);
      const po = f.put(out2, n, OUT);
      if (!f.enter()) return fallback.biasAct(a, C2, bias, rows, cols, out2);
      ex.ew_biasAct(+(C2 instanceof Float64Array), k, pc, pb, rows, cols, po);
      f.leave();
    },
    act(a, x, o, n) {
      const k = checkArgs.act(a, x, o, n);
      if (k === 0 || n === 0) {
        if (o !== x) o.set(x.subarray(0, n));
        return;
      }
      f.reset();
      const px = f.put(x, n, IN);
      const po = f.put(o, n, OUT);
      if (!f.enter()) return fallback.act(a, x, o, n);
      ex.ew_act(+(x instanceof Float64Array), k, px, po, n);
      f.leave();
    },
    actBackward(a, g, y, o, n) {
      const k = checkArgs.actBackward(a, g, y, o, n);
      if (k === 0 || n === 0) {
        if (o !== g) o.set(g.subarray(0, n));
        return;
      }
      f.reset();
      const pg = f.put(g, n, IN);
      const py = f.put(y, n, IN);
      const po = f.put(o, n, OUT);
      if (!f.enter()) return fallback.actBackward(a, g, y, o, n);
      ex.ew_actBackward(+(g instanceof Float64Array), k, pg, py, po, n);
      f.leave();
    },
    softmaxCE(z, y, rows, cols, dz, scale) {
      checkArgs.softmaxCE(z, y, rows, cols, dz, scale);
      const n = rows * cols;
      f.reset();
      const pz = f.put(z, n, IN);
      const py = f.put(y, n, IN);
      const pd = f.put(dz, n, OUT);
      if (!f.enter()) return fallback.softmaxCE(z, y, rows, cols, dz, scale);
      const loss = ex.ew_softmaxCE(+(z instanceof Float64Array), pz, py, rows, cols, pd, scale);
      f.leave();
      return loss;
    },
    gatherRows: elementwiseTS.gatherRows,
    sgd(w, g, lr, wd) {
      checkArgs.sgd(w, g);
      const n = w.length;
      f.reset();
      const pw = f.put(w, n, IN | OUT);
      const pg = f.put(g, n, IN);
      if (!f.enter()) return fallback.sgd(w, g, lr, wd);
      const ok = ex.ew_sgd(+(w instanceof Float64Array), pw, pg, n, lr, wd);
      f.leave();
      return ok === 1;
    },
    momentum(w, g, v, lr, mu, wd) {
      checkArgs.momentum(w, g, v);
      const n = w.length;
      f.reset();
      const pw = f.put(w, n, IN | OUT);
      const pv = f.put(v, n, IN | OUT);
      const pg = f.put(g, n, IN);
      if (!f.enter()) return fallback.momentum(w, g, v, lr, mu, wd);
      const ok = ex.ew_momentum(+(w instanceof Float64Array), pw, pg, pv, n, lr, mu, wd);
      f.leave();
      return ok === 1;
    },
    adam(w, g, m, v, stepSize, sqrtBc2, b1, b2, eps, wd, decoupled) {
      checkArgs.adam(w, g, m, v, decoupled);
      const n = w.length;
      f.reset();
      const pw = f.put(w, n, IN | OUT);
      const pm = f.put(m, n, IN | OUT);
      const pv = f.put(v, n, IN | OUT);
      const pg = f.put(g, n, IN);
      if (!f.enter()) return fallback.adam(w, g, m, v, stepSize, sqrtBc2, b1, b2, eps, wd, decoupled);
      const ok = ex.ew_adam(+(w instanceof Float64Array), pw, pg, pm, pv, n, stepSize, sqrtBc2, b1, b2, eps, wd, +decoupled);
      f.leave();
      return ok === 1;
    }
  };
}

// src/native/wasm.ts
var WASM_MIN_FLOPS = 4096;
function instantiateWasm(path) {
  const mod = new WebAssembly.Module(readFileSync2(path));
  const ex = new WebAssembly.Instance(mod, { env: {} }).exports;
  const mem = ex.memory;
  const elementwise2 = elementwiseOn(ex, BASE, false);
  function ensure(bytes) {
    const have = mem.buffer.byteLength;
    if (bytes > have) mem.grow(Math.ceil((bytes - have) / 65536));
  }
  return {
    memoryBytes: () => mem.buffer.byteLength,
    elementwise: elementwise2,
    arena(f642, sizes, scratch) {
      const ax = new WebAssembly.Instance(mod, { env: {} }).exports;
      const es = f642 ? 8 : 4;
      const Ctor = f642 ? Float64Array : Float32Array;
      let top = BASE;
      const offsets = sizes.map((n) => {
        const at = top;
        top = align(top + n * es);
        return at;
      });
      const end = top + 2 * align(scratch * es) + 64;
      const have = ax.memory.buffer.byteLength;
      if (end > have) ax.memory.grow(Math.ceil((end - have) / 65536));
      const buf = ax.memory.buffer;
      const views = offsets.map((at, i) => new Ctor(buf, at, sizes[i]));
      return { views, kernels: elementwiseOn(ax, top, true, elementwise2) };
    },
    gemm(transA, transB, m, n, k, alpha, A2, lda, B2, ldb, beta, C2, ldc) {
      checkGemmArgs(transA, transB, m, n, k, alpha, A2, lda, B2, ldb, beta, C2, ldc);
      if (m === 0 || n === 0) return;
      const f642 = C2 instanceof Float64Array;
      const es = f642 ? 8 : 4;
      const spanA = k === 0 ? 0 : transA ? (k - 1) * lda + m : (m - 1) * lda + k;
      const spanB = k === 0 ? 0 : transB ? (n - 1) * ldb + k : (k - 1) * ldb + n;
      const spanC = (m - 1) * ldc + n;
      const offA = BASE;
      const offB = align(offA + spanA * es);
      const offC = align(offB + spanB * es);
      const offW = align(offC + spanC * es);
      ensure(offW + ex.packedBytes(n, f642 ? 1 : 0));
      const Ctor = f642 ? Float64Array : Float32Array;
      const buf = mem.buffer;
      if (spanA) new Ctor(buf, offA, spanA).set(A2.subarray(0, spanA));
      if (spanB) new Ctor(buf, offB, spanB).set(B2.subarray(0, spanB));
      const c = new Ctor(buf, offC, spanC);
      if (beta !== 0 || ldc !== n && m > 1) c.set(C2.subarray(0, spanC));
      (f642 ? ex.gemm_f64 : ex.gemm_f32)(+transA, +transB, m, n, k, alpha, offA, lda, offB, ldb, beta, offC, ldc, offW);
      C2.set(c);
    }
  };
}

// src/native/load.ts
var NATIVE_MIN_FLOPS = 256;
var NATIVE_LOAD_AFTER_FLOPS = 4e6;
var BLAS_HINT = "apt-get install libopenblas-dev && npm run build:native";
var WASM_HINT = "kernels.wasm ships with cg: reinstall it, or rebuild the module with npm run build:wasm";
var CUDA_HINT = "on a machine with the CUDA toolkit and an NVIDIA GPU: CG_CUDA=1 npm run build:native";
var state = { buildDir: void 0, request: void 0, requestSource: "default", blas: void 0, cuda: void 0, wasm: void 0, env: void 0, pending: 0 };
function nativeBuildDir() {
  state.buildDir ??= join(packageRoot(), "build", "Release");
  return state.buildDir;
}
var root;
function packageRoot() {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  let first;
  for (; ; ) {
    const pj = join(dir, "package.json");
    if (existsSync(pj)) {
      first ??= dir;
      try {
        if (JSON.parse(readFileSync3(pj, "utf8")).name === "cg") {
          first = dir;
          break;
        }
      } catch {
      }
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  root = first ?? process.cwd();
  return root;
}
function requireAddon(file) {
  const path = join(nativeBuildDir(), file);
  if (!existsSync(path)) return { ok: false, path, reason: `${file} is not built (no ${path})` };
  try {
    const t0 = performance.now();
    const addon = createRequire(import.meta.url)(path);
    return { ok: true, addon, path, loadMs: performance.now() - t0 };
  } catch (e) {
    return { ok: false, path, reason: `${file} failed to load: ${e.message.split("\n")[0]}` };
  }
}
function loadBlas() {
  if (state.blas) return state.blas;
  state.env = prepareOpenBlasEnv(process.env);
  const loaded = requireAddon("cg_native.node");
  if (loaded.ok && state.env.threadsSource === "CG_THREADS") {
    try {
      loaded.addon.setThreads(state.env.threads);
    } catch {
    }
  }
  state.blas = loaded;
  return loaded;
}
function wasmPath() {
  return process.env.CG_WASM_PATH || join(packageRoot(), "src", "native", "wasm", "kernels.wasm");
}
function loadWasm() {
  if (state.wasm) return state.wasm;
  const path = wasmPath();
  if (!existsSync(path)) return state.wasm = { ok: false, path, reason: `kernels.wasm is missing (no ${path})` };
  try {
    const t0 = performance.now();
    const addon = instantiateWasm(path);
    state.wasm = { ok: true, addon, path, loadMs: performance.now() - t0 };
  } catch (e) {
    state.wasm = { ok: false, path, reason: `kernels.wasm failed to load: ${e.message.split("\n")[0]}` };
  }
  return state.wasm;
}
function loadCuda() {
  if (state.cuda) return state.cuda;
  let loaded = requireAddon("cg_cuda.node");
  if (loaded.ok) {
    const info = loaded.addon.info();
    if (info.devices < 1) {
      loaded = { ok: false, path: loaded.path, reason: `no usable CUDA device (${info.error ?? "device count 0"})` };
    }
  }
  state.cuda = loaded;
  return loaded;
}
function parseRequest(value, source) {
  const v = value.trim().toLowerCase();
  if (v === "" || v === "auto") return "auto";
  if (v === "ts" || v === "wasm" || v === "blas" || v === "cuda") return v;
  throw new CgError("backend", `unknown backend "${value}" in ${source}`, { hint: "use ts, wasm, blas, cuda or auto" });
}
function request() {
  if (state.request === void 0) {
    const env = process.env.CG_BACKEND;
    state.request = env === void 0 ? "auto" : parseRequest(env, "CG_BACKEND");
    state.requestSource = env === void 0 || state.request === "auto" ? "default" : "CG_BACKEND";
  }
  return state.request;
}

// src/native/index.ts
function unavailable(backend, reason) {
  const by = state.requestSource === "CG_BACKEND" ? `CG_BACKEND=${backend}` : `--backend ${backend}`;
  return new CgError("backend", `backend "${backend}" (${by}) is not available: ${reason}`, {
    hint: backend === "blas" ? `build it with: ${BLAS_HINT}` : backend === "wasm" ? WASM_HINT : `build it ${CUDA_HINT}`
  });
}
var LOADERS = { blas: loadBlas, cuda: loadCuda, wasm: loadWasm };
function forcedAddon(backend) {
  const a = LOADERS[backend]();
  if (!a.ok) throw unavailable(backend, a.reason);
  return a.addon;
}
function gemm(transA, transB, m, n, k, alpha, A2, lda, B2, ldb, beta, C2, ldc) {
  if (arguments.length !== 13) checkArity(arguments.length);
  const req = state.request ?? request();
  if (req === "auto") {
    const flops = m * n * k;
    if (flops >= NATIVE_MIN_FLOPS) {
      let b = state.blas;
      if (b === void 0 && (state.pending += flops) >= NATIVE_LOAD_AFTER_FLOPS) b = loadBlas();
      if (b?.ok) {
        b.addon.gemm(transA, transB, m, n, k, alpha, A2, lda, B2, ldb, beta, C2, ldc);
        return;
      }
      if (b && flops >= WASM_MIN_FLOPS) {
        const w = state.wasm ?? loadWasm();
        if (w.ok) {
          w.addon.gemm(transA, transB, m, n, k, alpha, A2, lda, B2, ldb, beta, C2, ldc);
          return;
        }
      }
    }
  } else if (req !== "ts") {
    forcedAddon(req).gemm(transA, transB, m, n, k, alpha, A2, lda, B2, ldb, beta, C2, ldc);
    return;
  }
  gemmTS(transA, transB, m, n, k, alpha, A2, lda, B2, ldb, beta, C2, ldc);
}

// src/graph/kernels.ts
function loops2(same2, left, right, mapped) {
  return { same: same2, left, right, mapped };
}
var ident = new Int32Array(0);
function identity(n) {
  if (ident.length < n) {
    ident = new Int32Array(n);
    for (let i = 0; i < n; i++) ident[i] = i;
  }
  return ident.subarray(0, n);
}
var BINARY = {
  add: loops2(
    (o, a, b, n) => {
      for (let i = 0; i < n; i++) o[i] = a[i] + b[i];
    },
    (o, p, b, n) => {
      for (let i = 0; i < n; i++) o[i] = p + b[i];
    },
    (o, a, q, n) => {
      for (let i = 0; i < n; i++) o[i] = a[i] + q;
    },
    (o, a, ia, b, ib, n) => {
      for (let i = 0; i < n; i++) o[i] = a[ia[i]] + b[ib[i]];
    }
  ),
  sub: loops2(
    (o, a, b, n) => {
      for (let i = 0; i < n; i++) o[i] = a[i] - b[i];
    },
    (o, p, b, n) => {
      for (let i = 0; i < n; i++) o[i] = p - b[i];
    },
    (o, a, q, n) => {
      for (let i = 0; i < n; i++) o[i] = a[i] - q;
    },
    (o, a, ia, b, ib, n) => {
      for (let i = 0; i < n; i++) o[i] = a[ia[i]] - b[ib[i]];
    }
  ),
  mul: loops2(
    (o, a, b, n) => {
      for (let i = 0; i < n; i++) o[i] = a[i] * b[i];
    },
    (o, p, b, n) => {
      for (let i = 0; i < n; i++) o[i] = p * b[i];
    },
    (o, a, q, n) => {
      for (let i = 0; i < n; i++) o[i] = a[i] * q;
    },
    (o, a, ia, b, ib, n) => {
      for (let i = 0; i < n; i++) o[i] = a[ia[i]] * b[ib[i]];
    }
  ),
  div: loops2(
    (o, a, b, n) => {
      for (let i = 0; i < n; i++) o[i] = a[i] / b[i];
    },
    (o, p, b, n) => {
      for (let i = 0; i < n; i++) o[i] = p / b[i];
    },
    (o, a, q, n) => {
      for (let i = 0; i < n; i++) o[i] = a[i] / q;
    },
    (o, a, ia, b, ib, n) => {
      for (let i = 0; i < n; i++) o[i] = a[ia[i]] / b[ib[i]];
    }
  )
};
var UNARY = {
  neg: (o, x, n) => {
    for (let i = 0; i < n; i++) o[i] = -x[i];
  },
  square: (o, x, n) => {
    for (let i = 0; i < n; i++) o[i] = x[i] * x[i];
  },
  exp: (o, x, n) => {
    for (let i = 0; i < n; i++) o[i] = Math.exp(x[i]);
  },
  log: (o, x, n) => {
    for (let i = 0; i < n; i++) o[i] = Math.log(x[i]);
  },
  sqrt: (o, x, n) => {
    for (let i = 0; i < n; i++) o[i] = Math.sqrt(x[i]);
  },
  sin: (o, x, n) => {
    for (let i = 0; i < n; i++) o[i] = Math.sin(x[i]);
  },
  cos: (o, x, n) => {
    for (let i = 0; i < n; i++) o[i] = Math.cos(x[i]);
  },
  tanh: (o, x, n) => {
    for (let i = 0; i < n; i++) o[i] = Math.tanh(x[i]);
  },
  abs: (o, x, n) => {
    for (let i = 0; i < n; i++) o[i] = Math.abs(x[i]);
  },
  sign: (o, x, n) => {
    for (let i = 0; i < n; i++) o[i] = Math.sign(x[i]);
  },
  relu: (o, x, n) => {
    for (let i = 0; i < n; i++) o[i] = x[i] > 0 ? x[i] : 0;
  },
  sigmoid: (o, x, n) => {
    for (let i = 0; i < n; i++) {
      const v = x[i];
      if (v >= 0) o[i] = 1 / (1 + Math.exp(-v));
      else {
        const e = Math.exp(v);
        o[i] = e / (1 + e);
      }
    }
  }
};
function hasBinaryKernel(op) {
  return op in BINARY;
}
function hasUnaryKernel(op) {
  return op in UNARY;
}
function binaryKernel(op, a, b, out2) {
  const sa = typeof a === "number" ? [] : a.shape;
  const sb = typeof b === "number" ? [] : b.shape;
  const shape = broadcastShapes(sa, sb);
  if (!shape) throw new Error(`cannot broadcast ${fmtShape(sa)} with ${fmtShape(sb)}`);
  const n = sizeOf(shape);
  out2 ??= new Float64Array(n);
  const k = BINARY[op];
  const ad = typeof a === "number" ? void 0 : a.data;
  const bd = typeof b === "number" ? void 0 : b.data;
  const aFull = ad !== void 0 && ad.length === n;
  const bFull = bd !== void 0 && bd.length === n;
  if (aFull && bFull) k.same(out2, ad, bd, n);
  else if (bFull && (ad === void 0 || ad.length === 1)) k.left(out2, ad === void 0 ? a : ad[0], bd, n);
  else if (aFull && (bd === void 0 || bd.length === 1)) k.right(out2, ad, bd === void 0 ? b : bd[0], n);
  else {
    const av = ad ?? Float64Array.of(a);
    const bv = bd ?? Float64Array.of(b);
    k.mapped(out2, av, aFull ? identity(n) : indexMap(shape, sa), bv, bFull ? identity(n) : indexMap(shape, sb), n);
  }
  return new Tensor(shape, out2);
}
function unaryKernel(op, x, out2 = new Float64Array(x.data.length)) {
  UNARY[op](out2, x.data, out2.length);
  return new Tensor(x.shape, out2);
}
function matmulKernel(a, b, shape, out2) {
  const m = a.shape.length === 2 ? a.shape[0] : 1;
  const k = a.shape[a.shape.length - 1];
  const n = b.shape.length === 2 ? b.shape[1] : 1;
  const c = out2 ?? new Float64Array(m * n);
  gemm(false, false, m, n, k, 1, a.data, k, b.data, n, 0, c, n);
  return shape.length === 0 ? c[0] : new Tensor(shape, c);
}
function transposeKernel(a, out2) {
  const [r, c] = a.shape;
  out2 ??= new Float64Array(r * c);
  const d = a.data;
  for (let i0 = 0; i0 < r; i0 += 32) {
    const i1 = Math.min(r, i0 + 32);
    for (let j0 = 0; j0 < c; j0 += 32) {
      const j1 = Math.min(c, j0 + 32);
      for (let i = i0; i < i1; i++) for (let j = j0; j < j1; j++) out2[j * r + i] = d[i * c + j];
    }
  }
  return new Tensor([c, r], out2);
}

// src/graph/ops/define.ts
function defineOp(def) {
  return def;
}
function elementwiseOp(def) {
  const f = def.scalar;
  const name = def.name;
  const unary2 = hasUnaryKernel(name);
  const binary = hasBinaryKernel(name);
  const op = {
    shape: elementwise,
    broadcasts: true,
    eval: (xs) => {
      const [a, b] = xs;
      if (xs.length === 1) return typeof a === "number" ? f(a) : unary2 ? unaryKernel(name, a) : map2(a, f);
      if (typeof a === "number" && typeof b === "number") return f(a, b);
      return binary ? binaryKernel(name, a, b) : zip(a, b, f);
    },
    vjp: (b, { x, y, g, needs }) => op.partials(b, x, y, needs).map((d, k) => needs[k] ? b.mul(g, d) : void 0),
    jvp: (b, { x, y, dx }) => {
      const needs = dx.map((d) => d !== void 0);
      const ds = op.partials(b, x, y, needs);
      let t;
      for (let k = 0; k < ds.length; k++) if (needs[k]) t = b.add(t, b.mul(dx[k], ds[k]));
      return t;
    },
    ...def
  };
  return op;
}
var elementwise = (shapes) => {
  let out2 = shapes[0];
  for (let i = 1; i < shapes.length; i++) {
    const s = broadcastShapes(out2, shapes[i]);
    if (!s) throw new Error(`shapes ${shapes.map(fmtShape).join(" and ")} do not broadcast`);
    out2 = s;
  }
  return out2;
};

// src/util/complex.ts
var cx = (re, im = 0) => ({ re, im });
var cadd = (a, b) => cx(a.re + b.re, a.im + b.im);
var csub = (a, b) => cx(a.re - b.re, a.im - b.im);
var cneg = (a) => cx(-a.re, -a.im);
var cmul = (a, b) => cx(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re);
var cscale = (a, k) => cx(a.re * k, a.im * k);
function cdiv(a, b) {
  if (Math.abs(b.re) >= Math.abs(b.im)) {
    const r2 = b.im / b.re;
    const d2 = b.re + b.im * r2;
    return cx((a.re + a.im * r2) / d2, (a.im - a.re * r2) / d2);
  }
  const r = b.re / b.im;
  const d = b.re * r + b.im;
  return cx((a.re * r + a.im) / d, (a.im * r - a.re) / d);
}
var crecip = (a) => cdiv(cx(1), a);
var csquare = (a) => cmul(a, a);
function cexp(a) {
  const m = Math.exp(a.re);
  return cx(m * Math.cos(a.im), a.im === 0 ? 0 : m * Math.sin(a.im));
}
function clog(a) {
  return cx(Math.log(Math.hypot(a.re, a.im)), Math.atan2(a.im, a.re));
}
function csqrt(a) {
  if (a.re === 0 && a.im === 0) return cx(0, 0);
  const m = Math.sqrt((Math.abs(a.re) + Math.hypot(a.re, a.im)) / 2);
  if (a.re >= 0) return cx(m, a.im / (2 * m));
  return cx(Math.abs(a.im) / (2 * m), a.im >= 0 ? m : -m);
}
var csin = (a) => cx(Math.sin(a.re) * Math.cosh(a.im), Math.cos(a.re) * Math.sinh(a.im));
var ccos = (a) => cx(Math.cos(a.re) * Math.cosh(a.im), -Math.sin(a.re) * Math.sinh(a.im));
var ctan = (a) => cdiv(csin(a), ccos(a));
var csinh = (a) => cx(Math.sinh(a.re) * Math.cos(a.im), Math.cosh(a.re) * Math.sin(a.im));
var ccosh = (a) => cx(Math.cosh(a.re) * Math.cos(a.im), Math.sinh(a.re) * Math.sin(a.im));
function ctanh(a) {
  if (Math.abs(a.re) > 20) return cx(Math.sign(a.re), 4 * Math.sin(a.im) * Math.cos(a.im) * Math.exp(-2 * Math.abs(a.re)));
  const d = Math.cosh(2 * a.re) + Math.cos(2 * a.im);
  return cx(Math.sinh(2 * a.re) / d, Math.sin(2 * a.im) / d);
}
function cpow(a, b) {
  if (b.im === 0 && Number.isInteger(b.re) && Math.abs(b.re) <= 64) {
    let n = Math.abs(b.re);
    let r = cx(1);
    let p = a;
    while (n > 0) {
      if (n & 1) r = cmul(r, p);
      p = cmul(p, p);
      n >>= 1;
    }
    return b.re < 0 ? crecip(r) : r;
  }
  if (a.re === 0 && a.im === 0) return b.re > 0 ? cx(0) : cx(b.re === 0 ? 1 : Infinity);
  return cexp(cmul(b, clog(a)));
}
function catan(a) {
  const { re: x, im: y } = a;
  return cx(0.5 * Math.atan2(2 * x, 1 - x * x - y * y), 0.25 * Math.log1p(4 * y / (x * x + (1 - y) * (1 - y))));
}
function casin(a) {
  const p = csqrt(cx(1 - a.re, -a.im));
  const q = csqrt(cx(1 + a.re, a.im));
  return cx(Math.atan2(a.re, p.re * q.re - p.im * q.im), Math.asinh(p.re * q.im - p.im * q.re));
}
function cacos(a) {
  const p = csqrt(cx(1 - a.re, -a.im));
  const q = csqrt(cx(1 + a.re, a.im));
  return cx(2 * Math.atan2(p.re, q.re), Math.asinh(q.re * p.im - q.im * p.re));
}
function clog1p(w) {
  return cx(0.5 * Math.log1p(w.re * (2 + w.re) + w.im * w.im), Math.atan2(w.im, 1 + w.re));
}
function csigmoid(z) {
  if (z.re >= 0) return crecip(cadd(cx(1), cexp(cneg(z))));
  const e = cexp(z);
  return cdiv(e, cadd(cx(1), e));
}
function csoftplus(z) {
  return z.re > 0 ? cadd(z, clog1p(cexp(cneg(z)))) : clog1p(cexp(z));
}

// src/graph/ops/printing.ts
var PREC = { add: 1, mul: 2, unary: 3, pow: 4, post: 5, atom: 6 };
var ref = (k, need) => ({ k, need });
var wrapTerm = (t, need) => t.prec < need ? `(${t.text})` : t.text;
function infix(symbol, prec, opts = {}) {
  const sym = opts.spaced ? ` ${symbol} ` : symbol;
  const tex = opts.latex ?? sym;
  return {
    text: () => ({ prec, pieces: [ref(0, prec), sym, ref(1, prec + 1)] }),
    latex: () => ({ prec, pieces: [ref(0, prec), tex, ref(1, prec + 1)] }),
    term: ([a, b]) => ({ text: `${wrapTerm(a, prec)}${sym}${wrapTerm(b, prec + 1)}`, prec }),
    label: opts.label ?? symbol
  };
}
var routes = (name) => ({
  name: `${name} routes`,
  meaning: `the upstream gradient goes to the ${name === "max" ? "larger" : "smaller"} input (split equally at a tie)`
});

// src/graph/ops/locals.ts
var atom = (t) => wrapTerm(t, PREC.atom);
var divLocal = {
  text: ([a, b]) => [`1/${atom(b)}`, `-${a.text === "1" ? "1" : atom(a)}/${atom(b)}\xB2`],
  value: ([a, b]) => [1 / b, -a / (b * b)]
};
var reluLocal = {
  text: ([z]) => [`1 if ${atom(z)} > 0 else 0`],
  value: ([z]) => [z > 0 ? 1 : 0]
};
function extremumLocal(name) {
  const cmp = name === "max" ? ">" : "<";
  const one = (p, q) => `1 if ${atom(p)} ${cmp} ${atom(q)}, \xBD if ${atom(p)} = ${atom(q)}, else 0`;
  const wins = (p, q) => p === q ? 0.5 : (name === "max" ? p > q : p < q) ? 1 : 0;
  return { text: ([a, b]) => [one(a, b), one(b, a)], value: ([a, b]) => [wins(a, b), wins(b, a)] };
}
var expLocal = {
  text: ([u]) => [`exp(${u.text})`],
  value: ([u]) => [Math.exp(u)]
};
var sqrtLocal = {
  text: ([x]) => [`1/(2*sqrt(${x.text}))`],
  value: ([x]) => [1 / (2 * Math.sqrt(x))]
};

// src/graph/ops/arith.ts
var add = elementwiseOp({
  name: "add",
  arity: 2,
  infix: "+",
  print: { ...infix("+", PREC.add, { spaced: true }), gate: { name: "add distributes", meaning: "each input gets the upstream gradient unchanged" } },
  scalar: (p, q) => p + q,
  complex: cadd,
  partials: () => [1, 1],
  constantPartials: true,
  vjp: (_b, { g }) => [g, g]
});
var sub = elementwiseOp({
  name: "sub",
  arity: 2,
  infix: "-",
  print: {
    ...infix("-", PREC.add, { spaced: true, label: "\u2212" }),
    gate: { name: "sub distributes", meaning: "the left input gets the upstream gradient, the right one its negative" }
  },
  scalar: (p, q) => p - q,
  complex: csub,
  partials: () => [1, -1],
  constantPartials: true,
  vjp: (b, { g }) => [g, b.neg(g)]
});
var mul = elementwiseOp({
  name: "mul",
  arity: 2,
  infix: "*",
  print: {
    ...infix("*", PREC.mul, { label: "\xD7" }),
    // `.*` (and ⊙) between two tensors; `*` where a scalar scales.
    text: (c) => ({ prec: PREC.mul, pieces: [ref(0, PREC.mul), c.rank(0) && c.rank(1) ? ".*" : "*", ref(1, PREC.unary)] }),
    latex: (c) => ({ prec: PREC.mul, pieces: [ref(0, PREC.mul), c.rank(0) && c.rank(1) ? " \\odot " : " \\cdot ", ref(1, PREC.unary)] }),
    gate: { name: "mul switches", meaning: "each input gets the upstream gradient times the other input" }
  },
  scalar: (p, q) => p * q,
  complex: cmul,
  partials: (_b, x) => [x[1], x[0]]
});
var div = elementwiseOp({
  name: "div",
  arity: 2,
  domainNote: { value: "x / y needs y \u2260 0", derivative: "the derivative of x / y needs y \u2260 0" },
  infix: "/",
  print: {
    ...infix("/", PREC.mul, { label: "\xF7" }),
    text: (c) => ({ prec: PREC.mul, pieces: [ref(0, PREC.mul), c.rank(1) ? "./" : "/", ref(1, PREC.unary)] }),
    latex: () => ({ prec: PREC.atom, pieces: ["\\frac{", ref(0, 0), "}{", ref(1, 0), "}"] }),
    local: divLocal
  },
  scalar: (p, q) => p / q,
  complex: cdiv,
  // ∂(p/q)/∂q = -p/q² = -y/q: reuses the output instead of squaring q.
  partials: (b, [, q], y, needs) => [b.div(1, q), needs?.[1] === false ? void 0 : b.neg(b.div(y, q))],
  domain: [
    [-3, 3],
    [0.5, 3]
  ]
});
function negForm(c) {
  const p = c.precOf(0);
  if (p >= PREC.pow) return { prec: PREC.unary, pieces: ["-", ref(0, PREC.pow)] };
  if (p === PREC.mul && !c.minusOf(0)) return { prec: PREC.mul, pieces: ["-", ref(0, PREC.mul)] };
  return { prec: PREC.unary, pieces: ["-", ref(0, PREC.atom + 1)] };
}
var neg = elementwiseOp({
  name: "neg",
  arity: 1,
  activation: true,
  print: {
    // -x*y reads as (-x)*y, which is -(x*y) exactly: no parentheses for a product.
    text: negForm,
    latex: negForm,
    term: ([a]) => ({ text: `-${wrapTerm(a, PREC.pow)}`, prec: PREC.unary })
  },
  scalar: (p) => -p,
  complex: cneg,
  partials: () => [-1],
  constantPartials: true,
  vjp: (b, { g }) => [b.neg(g)]
});
var square = elementwiseOp({
  name: "square",
  arity: 1,
  activation: true,
  print: {
    text: (c) => ({ prec: PREC.pow, pieces: [ref(0, PREC.post), c.rank(0) ? ".^2" : "^2"] }),
    // In LaTeX a superscript's base must not carry one already (x^{\top}^{2}).
    latex: () => ({ prec: PREC.pow, pieces: [ref(0, PREC.atom), "^{2}"] }),
    term: ([a]) => ({ text: `${wrapTerm(a, PREC.atom)}^2`, prec: PREC.pow }),
    label: "^2"
  },
  scalar: (p) => p * p,
  complex: csquare,
  partials: (b, [p]) => [b.mul(2, p)]
});
var pow = elementwiseOp({
  name: "pow",
  arity: 2,
  domainNote: { value: "x ^ y needs x > 0 unless y is an integer", derivative: "the derivative of x ^ y needs x > 0 (or x \u2260 0 for y \u2265 1)" },
  infix: "^",
  print: {
    text: (c) => ({ prec: PREC.pow, pieces: [ref(0, PREC.post), c.rank(0) ? ".^" : "^", ref(1, PREC.unary)] }),
    latex: () => ({ prec: PREC.pow, pieces: [ref(0, PREC.atom), "^{", ref(1, 0), "}"] }),
    term: ([a, b]) => ({ text: `${wrapTerm(a, PREC.atom)}^${wrapTerm(b, PREC.atom)}`, prec: PREC.pow }),
    label: "^"
  },
  scalar: Math.pow,
  complex: cpow,
  partials: (b, [a, c], y, needs) => [
    needs?.[0] === false ? void 0 : b.mul(c, b.op("pow", a, b.sub(c, 1))),
    needs?.[1] === false ? void 0 : b.mul(y, b.op("log", a))
  ],
  domain: [
    [0.2, 3],
    [-2, 3]
  ]
});
function tieSplit(b, s, side) {
  return b.mul(0.5, side === 1 ? b.add(1, s) : b.sub(1, s));
}
function extremum(name, pick2, side) {
  return elementwiseOp({
    name,
    print: { latex: `\\${name}`, gate: routes(name), local: extremumLocal(name) },
    scalar: pick2,
    // max(A) of one tensor reduces it; max(a, b, c, ...) of scalars is max of their stack,
    // so a tie of three splits the gradient in thirds, not pairwise (½, ¼, ¼); tensors fold
    // elementwise pairwise.
    call: (b, args) => {
      if (args.length === 1) return b.apply(`${name}all`, args);
      if (args.length > 2 && args.every((x) => b.shape(x).length === 0)) return b.apply(`${name}all`, [b.apply("stack", args)]);
      return args.reduce((acc, x) => b.apply(name, [acc, x]));
    },
    arity: [1, Infinity],
    partials: (b, [p, q]) => {
      const s = b.op("sign", b.sub(p, q));
      return [tieSplit(b, s, side), tieSplit(b, s, side === 1 ? -1 : 1)];
    },
    kink: { at: ([a, b]) => zip(a, b, (p, q) => p - q), convention: `a tie in ${name} splits the gradient equally` }
  });
}
var max = extremum("max", (p, q) => p >= q ? p : q, 1);
var min = extremum("min", (p, q) => p <= q ? p : q, -1);
var shapeCall = (name, a, attrs) => ({ text: `${name}(${a.text}, [${attrs.shape.join(", ")}])`, prec: PREC.atom });
var sum_to = defineOp({
  name: "sum_to",
  arity: 1,
  internal: true,
  print: { term: ([a], attrs) => shapeCall("sum_to", a, attrs) },
  sample: { shapes: [[2, 3]], attrs: { shape: [3] } },
  shape: (_s, attrs) => attrs.shape,
  eval: ([a], attrs) => sumTo(a, attrs.shape),
  linearity: "linear",
  vjp: (b, { x: [a], g }) => [b.broadcastTo(g, b.shape(a))],
  jvp: (b, { dx: [d], attrs }) => b.sumTo(d, attrs.shape),
  // Rows or columns are summed by products with vectors of ones (operands of rank ≤ 2).
  callable: (b, [a], attrs, constant2) => {
    const [from, to] = [b.shape(a), attrs.shape];
    if (sameShape(from, to)) return a;
    if (sizeOf(to) === 1) return to.reduce((s) => b.apply("stack", [s]), b.op("sum", a));
    if (to.length === 2 && to[0] === from[0]) return b.op("matmul", a, constant2(Tensor.filled([from[1], 1], 1)));
    const rows = b.op("matmul", constant2(Tensor.filled([from[0]], 1)), a);
    return to.length === 2 ? b.apply("stack", [rows]) : rows;
  }
});
var broadcast_to = defineOp({
  name: "broadcast_to",
  arity: 1,
  internal: true,
  print: { term: ([a], attrs) => shapeCall("broadcast_to", a, attrs) },
  sample: { shapes: [[3]], attrs: { shape: [2, 3] } },
  shape: (_s, attrs) => attrs.shape,
  eval: ([a], attrs) => broadcastTo(a, attrs.shape),
  linearity: "linear",
  vjp: (b, { x: [a], g }) => [b.sumTo(g, b.shape(a))],
  jvp: (b, { dx: [d], attrs }) => b.broadcastTo(d, attrs.shape),
  callable: (b, [a], attrs, constant2) => b.mul(a, constant2(Tensor.filled(attrs.shape, 1)))
});

// src/graph/ops/linalg.ts
var linalg_exports = {};
__export(linalg_exports, {
  dot: () => dot,
  matmul: () => matmul,
  outer: () => outer,
  pick: () => pick,
  place: () => place,
  stack: () => stack,
  transpose: () => transpose
});
function matmulShape([a, b]) {
  const bad = () => new Error(`${fmtShape(a)} * ${fmtShape(b)}`);
  if (a.length === 0 || b.length === 0 || a.length > 2 || b.length > 2) throw bad();
  const k = a[a.length - 1];
  const kb = b.length === 2 ? b[0] : b[0];
  if (k !== kb) throw bad();
  const out2 = [];
  if (a.length === 2) out2.push(a[0]);
  if (b.length === 2) out2.push(b[1]);
  return out2;
}
function product(a, b) {
  return matmulKernel(a, b, matmulShape([a.shape, b.shape]));
}
var matmul = defineOp({
  name: "matmul",
  arity: 2,
  // Written `*` like a product; drawn as a function box (`matmul`), not as an infix gate.
  print: infix("*", PREC.mul, { latex: " ", label: "matmul" }),
  shape: matmulShape,
  eval: ([a, b]) => product(a, b),
  linearity: "bilinear",
  vjp: (b, { x: [p, q], g, needs }) => {
    const [sp, sq] = [b.shape(p), b.shape(q)];
    if (sp.length === 1 && sq.length === 1) return [b.mul(g, q), b.mul(g, p)];
    const dp = !needs[0] ? void 0 : sp.length === 1 ? b.op("matmul", q, g) : sq.length === 1 ? b.op("outer", g, q) : b.op("matmul", g, b.op("transpose", q));
    const dq = !needs[1] ? void 0 : sq.length === 1 ? b.op("matmul", b.op("transpose", p), g) : sp.length === 1 ? b.op("outer", p, g) : b.op("matmul", b.op("transpose", p), g);
    return [dp, dq];
  },
  jvp: (b, { x: [p, q], dx: [dp, dq] }) => b.add(dp === void 0 ? void 0 : b.op("matmul", dp, q), dq === void 0 ? void 0 : b.op("matmul", p, dq)),
  sample: { shapes: [[2, 3], [3, 4]] },
  // matrix·vector, vector·matrix, vector·vector (the dot product)
  moreSamples: [
    [[2, 3], [3]],
    [[3], [3, 2]],
    [[4], [4]]
  ]
});
var transpose = defineOp({
  name: "transpose",
  arity: 1,
  print: {
    text: () => ({ prec: PREC.post, pieces: [ref(0, PREC.post), "'"] }),
    latex: () => ({ prec: PREC.post, pieces: [ref(0, PREC.atom), "^{\\top}"] }),
    term: ([a]) => ({ text: `${wrapTerm(a, PREC.atom)}'`, prec: PREC.atom })
  },
  // A vector's transpose is itself, as in mathjs.
  shape: ([a]) => a.length === 2 ? [a[1], a[0]] : a,
  eval: ([a]) => typeof a === "number" || a.shape.length < 2 ? a : transposeKernel(a),
  linearity: "linear",
  vjp: (b, { g }) => [b.op("transpose", g)],
  jvp: (b, { dx: [d] }) => d === void 0 ? void 0 : b.op("transpose", d),
  sample: { shapes: [[2, 3]] }
});
var outer = defineOp({
  name: "outer",
  arity: 2,
  print: { latex: () => ({ prec: PREC.mul, pieces: [ref(0, PREC.mul), "\\,", ref(1, PREC.atom), "^{\\top}"] }) },
  shape: ([a, b]) => {
    if (a.length !== 1 || b.length !== 1) throw new Error(`outer needs two vectors, got ${fmtShape(a)} and ${fmtShape(b)}`);
    return [a[0], b[0]];
  },
  linearity: "bilinear",
  eval: ([u, v]) => {
    const [a, b] = [u, v];
    const out2 = new Float64Array(a.size * b.size);
    for (let i = 0; i < a.size; i++) for (let j = 0; j < b.size; j++) out2[i * b.size + j] = a.data[i] * b.data[j];
    return new Tensor([a.size, b.size], out2);
  },
  vjp: (b, { x: [u, v], g }) => [b.op("matmul", g, v), b.op("matmul", u, g)],
  jvp: (b, { x: [u, v], dx: [du, dv] }) => b.add(du === void 0 ? void 0 : b.op("outer", du, v), dv === void 0 ? void 0 : b.op("outer", u, dv)),
  sample: { shapes: [[3], [2]] }
});
var dot = defineOp({
  name: "dot",
  arity: 2,
  shape: ([a, b]) => {
    if (a.length !== 1 || !sameShape(a, b)) throw new Error(`dot needs two vectors of one length, got ${fmtShape(a)} and ${fmtShape(b)}`);
    return [];
  },
  linearity: "bilinear",
  eval: ([u, v]) => {
    const [a, b] = [u, v];
    let s = 0;
    for (let i = 0; i < a.size; i++) s += a.data[i] * b.data[i];
    return s;
  },
  vjp: (b, { x: [u, v], g }) => [b.mul(g, v), b.mul(g, u)],
  jvp: (b, { x: [u, v], dx: [du, dv] }) => b.add(du === void 0 ? void 0 : b.op("dot", du, v), dv === void 0 ? void 0 : b.op("dot", u, dv)),
  sample: { shapes: [[4], [4]] }
});
function list(n, item, sep) {
  const out2 = [];
  for (let k = 0; k < n; k++) {
    if (k) out2.push(sep);
    out2.push(...item(k));
  }
  return out2;
}
function latexMatrix(c) {
  const rows = list(
    c.arity,
    (k) => {
      const items2 = c.rowItems(k);
      if (items2 !== void 0) return list(items2, (item) => [{ k, need: 0, item }], " & ");
      return c.rank(k) === 1 ? [ref(k, PREC.atom), "^{\\top}"] : [ref(k, 0)];
    },
    " \\\\ "
  );
  return { prec: PREC.atom, pieces: ["\\begin{bmatrix}", ...rows, "\\end{bmatrix}"] };
}
var stack = defineOp({
  name: "stack",
  arity: [1, Infinity],
  internal: true,
  // Written as an array literal.
  print: {
    text: (c) => ({ prec: PREC.atom, pieces: ["[", ...list(c.arity, (k) => [ref(k, 0)], ", "), "]"] }),
    latex: latexMatrix,
    term: (xs) => ({ text: `[${xs.map((x) => x.text).join(", ")}]`, prec: PREC.atom }),
    label: "[ ]"
  },
  shape: (shapes) => {
    const first = shapes[0];
    for (const s of shapes) if (!sameShape(s, first)) throw new Error(`array rows differ in shape: ${shapes.map(fmtShape).join(", ")}`);
    return [shapes.length, ...first];
  },
  linearity: "linear",
  eval: (xs) => {
    const item = typeof xs[0] === "number" ? 1 : xs[0].size;
    const out2 = new Float64Array(item * xs.length);
    xs.forEach((x, k) => typeof x === "number" ? out2[k] = x : out2.set(x.data, k * item));
    const itemShape = typeof xs[0] === "number" ? [] : xs[0].shape;
    return new Tensor([xs.length, ...itemShape], out2);
  },
  vjp: (b, { x, g, needs }) => x.map((_, k) => needs[k] ? b.apply("pick", [g], { k }) : void 0),
  jvp: (b, { x, dx }) => {
    const parts = dx.map((d, k) => d === void 0 ? void 0 : b.apply("place", [d], { k, n: x.length }));
    return parts.reduce((acc, p) => b.add(acc, p), void 0);
  },
  sample: { shapes: [[2], [2], [2]] }
});
var unitVector = (n, k) => Tensor.from(Array.from({ length: n }, (_, i) => i === k ? 1 : 0));
var pick = defineOp({
  name: "pick",
  arity: 1,
  internal: true,
  print: { term: ([a], attrs) => ({ text: `${wrapTerm(a, PREC.atom)}[${attrs.k}]`, prec: PREC.atom }) },
  shape: ([a]) => a.slice(1),
  linearity: "linear",
  eval: ([a], attrs) => {
    const t = a;
    const k = attrs.k;
    const item = sizeOf(t.shape.slice(1));
    if (t.shape.length === 1) return t.data[k];
    return new Tensor(t.shape.slice(1), t.data.slice(k * item, (k + 1) * item));
  },
  vjp: (b, { x: [a], g, attrs }) => [b.apply("place", [g], { k: attrs.k, n: b.shape(a)[0] })],
  jvp: (b, { dx: [d], attrs }) => d === void 0 ? void 0 : b.apply("pick", [d], attrs),
  // Row k is e_k times the stack (a dot product for a vector).
  callable: (b, [a], attrs, constant2) => b.op("matmul", constant2(unitVector(b.shape(a)[0], attrs.k)), a),
  sample: { shapes: [[3, 2]], attrs: { k: 1 } }
});
var place = defineOp({
  name: "place",
  arity: 1,
  internal: true,
  print: { term: ([a], attrs) => ({ text: `place(${a.text}, ${attrs.k}, ${attrs.n})`, prec: PREC.atom }) },
  shape: ([a], attrs) => [attrs.n, ...a],
  linearity: "linear",
  eval: ([a], attrs) => {
    const n = attrs.n;
    const k = attrs.k;
    const item = typeof a === "number" ? 1 : a.size;
    const out2 = new Float64Array(n * item);
    if (typeof a === "number") out2[k] = a;
    else out2.set(a.data, k * item);
    return new Tensor([n, ...typeof a === "number" ? [] : a.shape], out2);
  },
  vjp: (b, { g, attrs }) => [b.apply("pick", [g], { k: attrs.k })],
  jvp: (b, { dx: [d], attrs }) => d === void 0 ? void 0 : b.apply("place", [d], attrs),
  callable: (b, [a], attrs, constant2) => {
    const e = constant2(unitVector(attrs.n, attrs.k));
    return b.shape(a).length === 0 ? b.mul(a, e) : b.op("outer", e, a);
  },
  sample: { shapes: [[2]], attrs: { k: 1, n: 3 } }
});

// src/graph/ops/loss.ts
var loss_exports = {};
__export(loss_exports, {
  bce_logits: () => bce_logits,
  logsumexp_rows: () => logsumexp_rows,
  mse: () => mse,
  softmax_cross_entropy: () => softmax_cross_entropy,
  softmax_rows: () => softmax_rows
});
var rowsOf = (s) => s.length === 2 ? s[0] : 1;
var colsOf = (s) => s[s.length - 1];
var perRow = (s) => s.length === 2 ? [s[0], 1] : [1];
var data = (v) => typeof v === "number" ? Float64Array.of(v) : v.data;
function rowMatrix(name) {
  return ([a]) => {
    if (a.length < 1 || a.length > 2) throw new Error(`${name} needs a vector or a matrix of rows, got ${fmtShape(a)}`);
    return a;
  };
}
function samePair(name, ranks) {
  return ([a, b]) => {
    if (!ranks.includes(a.length) || !sameShape(a, b)) {
      throw new Error(`${name} needs two ${ranks.includes(0) ? "values" : "vectors or matrices"} of one shape, got ${fmtShape(a)} and ${fmtShape(b)}`);
    }
    return [];
  };
}
function out(shape, fill) {
  const o = new Float64Array(sizeOf(shape));
  fill(o);
  return new Tensor(shape, o);
}
var softmax_rows = defineOp({
  name: "softmax_rows",
  arity: 1,
  internal: true,
  shape: rowMatrix("softmax_rows"),
  eval: ([z]) => {
    const t = z;
    return out(t.shape, (o) => softmaxRowsKernel(t.data, o, rowsOf(t.shape), colsOf(t.shape)));
  },
  // The Jacobian of each row is diag(y) - y yᵀ, symmetric: both rules are y ⊙ (t - Σ_row y ⊙ t).
  vjp: (b, { y, g }) => [softmaxRowsJ(b, y, g)],
  jvp: (b, { y, dx: [d] }) => d === void 0 ? void 0 : softmaxRowsJ(b, y, d),
  callable: (b, [z], _attrs, constant2) => b.op("exp", b.sub(z, lseRowsSpelled(b, z, constant2))),
  sample: { shapes: [[3, 4]] }
});
function lseRowsSpelled(b, z, constant2) {
  const shape = b.shape(z);
  if (shape.length === 1) return b.apply("stack", [b.op("logsumexp", z)]);
  const m = b.op("max", z);
  return b.add(b.op("log", b.op("matmul", b.op("exp", b.sub(z, m)), constant2(Tensor.filled([colsOf(shape), 1], 1)))), m);
}
function softmaxRowsJ(b, y, t) {
  return b.mul(y, b.sub(t, b.sumTo(b.mul(y, t), perRow(b.shape(y)))));
}
var logsumexp_rows = defineOp({
  name: "logsumexp_rows",
  arity: 1,
  internal: true,
  shape: ([a]) => {
    rowMatrix("logsumexp_rows")([a]);
    return perRow(a);
  },
  eval: ([z]) => {
    const t = z;
    return out(perRow(t.shape), (o) => logsumexpRowsKernel(t.data, o, rowsOf(t.shape), colsOf(t.shape)));
  },
  vjp: (b, { x: [z], g }) => [b.mul(g, b.apply("softmax_rows", [z]))],
  jvp: (b, { x: [z], dx: [d] }) => d === void 0 ? void 0 : b.sumTo(b.mul(d, b.apply("softmax_rows", [z])), perRow(b.shape(z))),
  callable: (b, [z], _attrs, constant2) => lseRowsSpelled(b, z, constant2),
  sample: { shapes: [[3, 4]] }
});
var softmax_cross_entropy = defineOp({
  name: "softmax_cross_entropy",
  arity: 2,
  shape: samePair("softmax_cross_entropy", [1, 2]),
  eval: ([z, y]) => {
    const s = z.shape;
    return softmaxCrossEntropyKernel(data(z), data(y), rowsOf(s), colsOf(s));
  },
  vjp: (b, { x: [z, y], g, needs }) => {
    const scale = b.div(g, rowsOf(b.shape(z)));
    return [needs[0] ? b.mul(scale, ceDz(b, z, y)) : void 0, needs[1] ? b.mul(scale, ceDy(b, z)) : void 0];
  },
  jvp: (b, { x: [z, y], dx: [dz, dy] }) => {
    const t = b.add(
      dz === void 0 ? void 0 : b.op("sum", b.mul(ceDz(b, z, y), dz)),
      dy === void 0 ? void 0 : b.op("sum", b.mul(ceDy(b, z), dy))
    );
    return b.div(t, rowsOf(b.shape(z)));
  },
  domain: [
    [-3, 3],
    [0, 1]
  ],
  sample: { shapes: [[3, 4], [3, 4]] }
});
function ceDz(b, z, y) {
  const p = b.apply("softmax_rows", [z]);
  return b.sub(b.mul(p, b.sumTo(y, perRow(b.shape(z)))), y);
}
function ceDy(b, z) {
  return b.sub(b.apply("logsumexp_rows", [z]), z);
}
var mse = defineOp({
  name: "mse",
  arity: 2,
  shape: samePair("mse", [0, 1, 2]),
  eval: ([p, t]) => {
    const d = data(p);
    return mseKernel(d, data(t), d.length);
  },
  vjp: (b, { x: [p, t], g, needs }) => {
    const d = b.mul(b.div(b.mul(2, g), sizeOf(b.shape(p))), b.sub(p, t));
    return [needs[0] ? d : void 0, needs[1] ? b.neg(d) : void 0];
  },
  jvp: (b, { x: [p, t], dx: [dp, dt] }) => {
    const d = b.sub(dp, dt);
    return d === void 0 ? void 0 : b.div(b.mul(2, b.op("sum", b.mul(b.sub(p, t), d))), sizeOf(b.shape(p)));
  },
  sample: { shapes: [[3, 2], [3, 2]] }
});
var bce_logits = defineOp({
  name: "bce_logits",
  arity: 2,
  shape: samePair("bce_logits", [0, 1, 2]),
  eval: ([z, y]) => {
    const d = data(z);
    return bceLogitsKernel(d, data(y), d.length);
  },
  vjp: (b, { x: [z, y], g, needs }) => {
    const scale = b.div(g, sizeOf(b.shape(z)));
    return [
      needs[0] ? b.mul(scale, b.sub(b.op("sigmoid", z), y)) : void 0,
      needs[1] ? b.neg(b.mul(scale, z)) : void 0
    ];
  },
  jvp: (b, { x: [z, y], dx: [dz, dy] }) => {
    const t = b.add(
      dz === void 0 ? void 0 : b.op("sum", b.mul(b.sub(b.op("sigmoid", z), y), dz)),
      dy === void 0 ? void 0 : b.neg(b.op("sum", b.mul(z, dy)))
    );
    return b.div(t, sizeOf(b.shape(z)));
  },
  domain: [
    [-4, 4],
    [0, 1]
  ],
  sample: { shapes: [[4, 1], [4, 1]] }
});

// src/graph/ops/reduce.ts
var reduce_exports = {};
__export(reduce_exports, {
  logsumexp: () => logsumexp,
  maxall: () => maxall,
  mean: () => mean,
  minall: () => minall,
  norm: () => norm,
  softmax: () => softmax,
  sum: () => sum,
  tie_mask: () => tie_mask
});
var toScalar = () => [];
var data2 = (v) => typeof v === "number" ? [v] : v.data;
function total(v) {
  const d = data2(v);
  let s = 0;
  for (let i = 0; i < d.length; i++) s += d[i];
  return s;
}
var sum = defineOp({
  name: "sum",
  arity: [1, Infinity],
  shape: toScalar,
  eval: ([a]) => total(a),
  linearity: "linear",
  call: (b, args) => args.length === 1 ? b.apply("sum", args) : args.reduce((acc, x) => b.apply("add", [acc, x])),
  vjp: (b, { x: [a], g }) => [b.broadcastTo(g, b.shape(a))],
  jvp: (b, { dx: [d] }) => d === void 0 ? void 0 : b.op("sum", d),
  sample: { shapes: [[2, 3]] }
});
var mean = defineOp({
  name: "mean",
  arity: 1,
  shape: toScalar,
  eval: ([a]) => total(a) / data2(a).length,
  linearity: "linear",
  vjp: (b, { x: [a], g }) => [b.broadcastTo(b.div(g, sizeOf(b.shape(a))), b.shape(a))],
  jvp: (b, { dx: [d] }) => d === void 0 ? void 0 : b.op("mean", d),
  sample: { shapes: [[3, 2]] }
});
var norm = defineOp({
  name: "norm",
  arity: 1,
  shape: toScalar,
  eval: ([a]) => Math.hypot(...Array.from(data2(a))),
  vjp: (b, { x: [a], y, g }) => [b.mul(b.div(g, y), a)],
  jvp: (b, { x: [a], y, dx: [d] }) => d === void 0 ? void 0 : b.div(b.op("sum", b.mul(a, d)), y),
  sample: { shapes: [[4]] }
});
var logsumexp = defineOp({
  name: "logsumexp",
  arity: 1,
  shape: toScalar,
  eval: ([a]) => {
    const d = data2(a);
    let m = -Infinity;
    for (let i = 0; i < d.length; i++) m = Math.max(m, d[i]);
    if (!Number.isFinite(m)) return m;
    let s = 0;
    for (let i = 0; i < d.length; i++) s += Math.exp(d[i] - m);
    return m + Math.log(s);
  },
  vjp: (b, { x: [a], y, g }) => [b.mul(g, b.op("exp", b.sub(a, y)))],
  jvp: (b, { x: [a], y, dx: [d] }) => d === void 0 ? void 0 : b.op("sum", b.mul(d, b.op("exp", b.sub(a, y)))),
  sample: { shapes: [[5]] }
});
var softmax = defineOp({
  name: "softmax",
  arity: 1,
  shape: ([a]) => a,
  eval: ([a]) => {
    const lse = logsumexp.eval([a], void 0);
    return map2(a, (v) => Math.exp(v - lse));
  },
  // J = diag(y) - y yᵀ, which is symmetric: both rules are y ⊙ (t - <y, t>).
  vjp: (b, { y, g }) => [softmaxJ(b, y, g)],
  jvp: (b, { y, dx: [d] }) => d === void 0 ? void 0 : softmaxJ(b, y, d),
  sample: { shapes: [[4]] }
});
function softmaxJ(b, y, t) {
  return b.mul(y, b.sub(t, b.op("sum", b.mul(y, t))));
}
function extremeOf(name, sign2) {
  const pick2 = (v) => {
    const d = data2(v);
    let best = -Infinity;
    for (let i = 0; i < d.length; i++) best = Math.max(best, sign2 * d[i]);
    return sign2 * best;
  };
  return defineOp({
    name,
    arity: 1,
    internal: true,
    callAs: name === "maxall" ? "max" : "min",
    print: { latex: name === "maxall" ? "\\max" : "\\min", gate: routes(name === "maxall" ? "max" : "min") },
    shape: toScalar,
    eval: ([a]) => pick2(a),
    vjp: (b, { x: [a], y, g }) => [b.mul(g, b.apply("tie_mask", [a, y]))],
    jvp: (b, { x: [a], y, dx: [d] }) => d === void 0 ? void 0 : b.op("sum", b.mul(d, b.apply("tie_mask", [a, y]))),
    // Entry i: its lead over the best other entry. The signs change when the extreme moves.
    kink: {
      at: ([a]) => {
        const d = Array.from(data2(a), (v) => sign2 * v);
        const top = d.indexOf(Math.max(...d));
        const rest = Math.max(...d.filter((_, i) => i !== top));
        const out2 = d.map((v, i) => i === top ? v - rest : v - d[top]);
        return out2.length === 1 ? out2[0] : new Tensor([out2.length], Float64Array.from(out2));
      },
      convention: `a tie in ${name === "maxall" ? "max" : "min"}(A) splits the gradient equally`
    },
    sample: { shapes: [[5]] }
  });
}
var maxall = extremeOf("maxall", 1);
var minall = extremeOf("minall", -1);
var tie_mask = defineOp({
  name: "tie_mask",
  arity: 2,
  internal: true,
  shape: ([a]) => a,
  eval: ([a, y]) => {
    let ties = 0;
    const d = data2(a);
    for (let i = 0; i < d.length; i++) if (d[i] === y) ties++;
    return map2(a, (v) => v === y ? 1 / ties : 0);
  },
  vjp: () => [void 0, void 0],
  jvp: () => void 0,
  // 1 - sign|a - y| is 1 where a equals y and 0 elsewhere; divided by the number of ties.
  callable: (b, [a, y]) => {
    const eq = b.sub(1, b.op("sign", b.op("abs", b.sub(a, y))));
    return b.div(eq, b.op("sum", eq));
  },
  sample: { shapes: [[4], []] }
});

// src/graph/ops/unary.ts
var unary_exports = {};
__export(unary_exports, {
  abs: () => abs,
  acos: () => acos,
  asin: () => asin,
  atan: () => atan,
  cos: () => cos,
  cosh: () => cosh,
  exp: () => exp,
  log: () => log,
  log10: () => log10,
  log2: () => log2,
  relu: () => relu,
  sigmoid: () => sigmoid2,
  sign: () => sign,
  sin: () => sin,
  sinh: () => sinh,
  softplus: () => softplus,
  sqrt: () => sqrt,
  tan: () => tan,
  tanh: () => tanh
});
function unary(name, f, d, extra = {}) {
  return elementwiseOp({ name, arity: 1, activation: true, scalar: f, partials: (b, x, y) => [d(b, x[0], y)], domain: [-3, 3], ...extra });
}
var positive = { domain: [0.1, 5] };
var unitInterval = { domain: [-0.9, 0.9] };
function sigmoidf(v) {
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
}
function softplusf(v) {
  return v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v));
}
var kinkAt = (convention) => ({ kink: { at: ([x]) => x, convention } });
var exp = unary("exp", Math.exp, (_b, _x, y) => y, {
  complex: cexp,
  print: { latex: "\\exp", local: expLocal },
  domainNote: { value: "exp overflows above x \u2248 709.78", derivative: "exp overflows above x \u2248 709.78" }
});
var log = unary("log", Math.log, (b, x) => b.div(1, x), {
  complex: clog,
  ...positive,
  print: { latex: "\\log" },
  // log(x, base) is log(x) / log(base), as in mathjs.
  arity: [1, 2],
  call: (b, [x, base]) => base === void 0 ? b.apply("log", [x]) : b.div(b.apply("log", [x]), b.apply("log", [base])),
  domainNote: { value: "log needs x > 0", derivative: "log' needs x \u2260 0" }
});
var log2 = unary("log2", Math.log2, (b, x) => b.div(1 / Math.LN2, x), {
  complex: (z) => cscale(clog(z), 1 / Math.LN2),
  ...positive,
  print: { latex: "\\log_{2}" },
  domainNote: { value: "log2 needs x > 0", derivative: "log2' needs x \u2260 0" }
});
var log10 = unary("log10", Math.log10, (b, x) => b.div(1 / Math.LN10, x), {
  complex: (z) => cscale(clog(z), 1 / Math.LN10),
  ...positive,
  print: { latex: "\\log_{10}" },
  domainNote: { value: "log10 needs x > 0", derivative: "log10' needs x \u2260 0" }
});
var sqrt = unary("sqrt", Math.sqrt, (b, _x, y) => b.div(0.5, y), {
  complex: csqrt,
  ...positive,
  print: { latex: () => ({ prec: PREC.atom, pieces: ["\\sqrt{", ref(0, 0), "}"] }), local: sqrtLocal },
  domainNote: { value: "sqrt needs x \u2265 0", derivative: "sqrt' needs x > 0" }
});
var sin = unary("sin", Math.sin, (b, x) => b.op("cos", x), {
  complex: csin,
  print: { latex: "\\sin" }
});
var cos = unary("cos", Math.cos, (b, x) => b.neg(b.op("sin", x)), {
  complex: ccos,
  print: { latex: "\\cos" }
});
var tan = unary("tan", Math.tan, (b, _x, y) => b.add(1, b.square(y)), {
  complex: ctan,
  domain: [-1.2, 1.2],
  print: { latex: "\\tan" },
  domainNote: { value: "tan needs x \u2260 \u03C0/2 + k\u03C0", derivative: "tan' needs x \u2260 \u03C0/2 + k\u03C0" }
});
var asin = unary("asin", Math.asin, (b, x) => b.div(1, b.op("sqrt", b.sub(1, b.square(x)))), {
  complex: casin,
  ...unitInterval,
  print: { latex: "\\arcsin" },
  domainNote: { value: "asin needs -1 \u2264 x \u2264 1", derivative: "asin' needs -1 < x < 1" }
});
var acos = unary("acos", Math.acos, (b, x) => b.neg(b.div(1, b.op("sqrt", b.sub(1, b.square(x))))), {
  complex: cacos,
  ...unitInterval,
  print: { latex: "\\arccos" },
  domainNote: { value: "acos needs -1 \u2264 x \u2264 1", derivative: "acos' needs -1 < x < 1" }
});
var atan = unary("atan", Math.atan, (b, x) => b.div(1, b.add(1, b.square(x))), {
  complex: catan,
  print: { latex: "\\arctan" }
});
var sinh = unary("sinh", Math.sinh, (b, x) => b.op("cosh", x), {
  complex: csinh,
  print: { latex: "\\sinh" },
  domainNote: { value: "sinh overflows above |x| \u2248 710.48", derivative: "cosh overflows above |x| \u2248 710.48" }
});
var cosh = unary("cosh", Math.cosh, (b, x) => b.op("sinh", x), {
  complex: ccosh,
  print: { latex: "\\cosh" },
  domainNote: { value: "cosh overflows above |x| \u2248 710.48", derivative: "sinh overflows above |x| \u2248 710.48" }
});
var tanh = unary("tanh", Math.tanh, (b, _x, y) => b.sub(1, b.square(y)), {
  complex: ctanh,
  print: { latex: "\\tanh" },
  fusedVjp: { kernel: "mulOneMinusSquare", reads: "y" }
});
var sigmoid2 = unary("sigmoid", sigmoidf, (b, _x, y) => b.mul(y, b.sub(1, y)), {
  complex: csigmoid,
  fusedVjp: { kernel: "mulYOneMinusY", reads: "y" }
});
var softplus = unary("softplus", softplusf, (b, x) => b.op("sigmoid", x), { complex: csoftplus });
var abs = unary("abs", Math.abs, (b, x) => b.op("sign", x), {
  ...kinkAt("abs'(0) = 0"),
  fusedVjp: { kernel: "mulSign", reads: "x" },
  print: { latex: () => ({ prec: PREC.atom, pieces: ["\\left|", ref(0, 0), "\\right|"] }) }
});
var relu = unary("relu", (v) => v > 0 ? v : 0, (b, _x, y) => b.op("sign", y), {
  ...kinkAt("relu'(0) = 0"),
  print: { local: reluLocal },
  // y = relu(x) is never negative: one comparison per entry.
  fusedVjp: { kernel: "mulPositive", reads: "y" }
});
var sign = unary("sign", Math.sign, () => void 0, kinkAt("sign'(0) = 0"));

// src/graph/ops/index.ts
var table = new Map(
  [arith_exports, unary_exports, linalg_exports, reduce_exports, loss_exports].flatMap((family) => Object.values(family).map((op) => [op.name, op]))
);
var OPS = table;
function getOp(name) {
  const op = OPS.get(name);
  if (!op) throw new Error(`no op named ${name}`);
  return op;
}

// tests/graph/expressions.ts
var scalarOps = [...OPS.values()].filter((op) => !op.internal && !op.sample);
var VARS = ["x", "y", "z"];
function domain2(op, k) {
  const d = op.domain ?? [-3, 3];
  return typeof d[0] === "number" ? d : d[k];
}
function into([lo, hi], inner) {
  return `(${lo} + ${hi - lo}*sigmoid(${inner}))`;
}
function render(op, args) {
  const a = args.map((t, k) => into(domain2(op, k), t));
  if (op.infix && a.length === 2) return `(${a[0]} ${op.infix} ${a[1]})`;
  return `${op.name}(${a.join(", ")})`;
}
var anyExpr = fast_check_default.memo((depth) => {
  const leaf = fast_check_default.oneof(fast_check_default.constantFrom(...VARS), fast_check_default.double({ min: -2, max: 2, noNaN: true }).map((v) => `(${v})`));
  if (depth <= 1) return leaf;
  return fast_check_default.oneof(
    { weight: 1, arbitrary: leaf },
    {
      weight: 3,
      arbitrary: fast_check_default.constantFrom(...scalarOps).chain((op) => {
        const n = typeof op.arity === "number" ? op.arity : Math.max(op.arity[0], 2);
        return fast_check_default.array(anyExpr(depth - 1), { minLength: n, maxLength: n }).map((args) => render(op, args));
      })
    }
  );
});
var wildExpr = fast_check_default.memo((depth) => {
  const num2 = fast_check_default.double({ min: -3, max: 3, noNaN: true, noDefaultInfinity: true }).map((v) => `(${Number(v.toFixed(3))})`);
  const leaf = fast_check_default.oneof({ weight: 3, arbitrary: fast_check_default.constantFrom(...VARS) }, { weight: 3, arbitrary: num2 });
  if (depth <= 1) return leaf;
  const sub2 = wildExpr(depth - 1);
  const one = (f) => sub2.map(f);
  const two = (f) => fast_check_default.tuple(sub2, sub2).map(([a, b]) => f(a, b));
  return fast_check_default.oneof(
    { weight: 6, arbitrary: leaf },
    { weight: 3, arbitrary: one((a) => `sin(${a})`) },
    { weight: 3, arbitrary: one((a) => `cos(${a})`) },
    { weight: 3, arbitrary: one((a) => `exp(${a})`) },
    { weight: 3, arbitrary: one((a) => `log(1 + (${a})^2)`) },
    { weight: 3, arbitrary: one((a) => `sqrt(1 + (${a})^2)`) },
    { weight: 3, arbitrary: one((a) => `atan(${a})`) },
    { weight: 3, arbitrary: one((a) => `tanh(${a})`) },
    { weight: 3, arbitrary: one((a) => `((1 + (${a})^2)^1.5)`) },
    { weight: 3, arbitrary: one((a) => `(${a})^3`) },
    { weight: 3, arbitrary: one((a) => `(${a})^2`) },
    { weight: 3, arbitrary: two((a, b) => `(${a}) + (${b})`) },
    { weight: 3, arbitrary: two((a, b) => `(${a}) * (${b})`) },
    { weight: 3, arbitrary: two((a, b) => `(${a}) / (2 + sin(${b}))`) },
    { weight: 3, arbitrary: fast_check_default.tuple(sub2, num2).map(([a, c]) => `(${a}) * ${c}`) },
    { weight: 1, arbitrary: one((a) => `abs(${a})`) }
  );
});

// src/check/difference.ts
var EPS = Number.EPSILON;
var same = (a, b) => a.length === b.length && a.every((s, i) => s === b[i]);
var CON = 2;
var MAX_ROWS = 10;
var SAFE = 2;
var MIN_ROWS = 4;
function ridders(phi, base, h0, sigma, side, goal = () => 0) {
  const a = [];
  const n = [];
  const fac0 = side === 0 ? CON * CON : CON;
  let h2 = h0;
  let best = NaN;
  let err = Infinity;
  let bestNoise = 0;
  let evals = 0;
  let rows = 0;
  let settled = false;
  let shrank = false;
  let last = h0;
  let ref2;
  let flat3 = true;
  for (let i = 0; i < MAX_ROWS; i++) {
    const t1 = side === 0 ? h2 : side * h2;
    const t2 = side === 0 ? -h2 : 2 * side * h2;
    const p = phi(t1);
    const m = phi(t2);
    evals += 2;
    ref2 ??= side === 0 ? base.signs : p.signs;
    const clean = Number.isFinite(p.f) && Number.isFinite(m.f) && same(p.signs, ref2) && same(m.signs, ref2);
    if (!clean) {
      if (i === 0) return void 0;
      break;
    }
    const d = (p.f - m.f) / (t1 - t2);
    if (d !== 0) flat3 = false;
    rows++;
    last = h2;
    a.push([d]);
    n.push([2 * sigma / Math.abs(t1 - t2) + 2 * EPS * Math.abs(d)]);
    if (i >= 2) {
      const now = Math.abs(d - a[i - 1][0]);
      const before = Math.abs(a[i - 1][0] - a[i - 2][0]);
      const ratio = before / now;
      const shrinks = ratio >= 0.6 * fac0 && ratio <= 1.6 * fac0 || now <= 2 * (n[i][0] + n[i - 1][0]);
      if (shrinks && shrank) settled = true;
      shrank = shrinks;
    }
    if (i === 0) {
      best = d;
      bestNoise = n[0][0];
    }
    let fac = fac0;
    for (let j = 1; j <= i; j++) {
      a[i][j] = (a[i][j - 1] * fac - a[i - 1][j - 1]) / (fac - 1);
      n[i][j] = (n[i][j - 1] * fac + n[i - 1][j - 1]) / (fac - 1);
      fac *= fac0;
      const e = Math.max(Math.abs(a[i][j] - a[i][j - 1]), Math.abs(a[i][j] - a[i - 1][j - 1]));
      if (e <= err) {
        err = e;
        best = a[i][j];
        bestNoise = n[i][j];
      }
    }
    if (i > 0 && settled) {
      if (i >= MIN_ROWS - 1 && Math.abs(a[i][i] - a[i - 1][i - 1]) >= SAFE * err) break;
      if (err <= bestNoise || err <= 4 * EPS * Math.abs(best)) break;
      if (err + bestNoise <= goal(best)) break;
    }
    h2 /= CON;
  }
  const spread = rows >= 2 ? Math.abs(a[rows - 1][0] - a[rows - 2][0]) : Infinity;
  let estimate = settled ? err + bestNoise : Math.max(err + bestNoise, spread);
  if (settled) {
    const hv = last * Math.SQRT2 / 8;
    const t1 = side === 0 ? hv : side * hv;
    const t2 = side === 0 ? -hv : 2 * side * hv;
    const p = phi(t1);
    const m = phi(t2);
    evals += 2;
    const dv = (p.f - m.f) / (t1 - t2);
    const dl = a[rows - 1][0];
    const power = side === 0 ? 2 : 1;
    const predicted = best + (dl - best) * (hv / last) ** power;
    const allowed = Math.abs(dl - best) * (hv / last) ** power + 2 * err + 4 * (2 * sigma / Math.abs(t1 - t2) + n[rows - 1][0]);
    if (!(Math.abs(dv - predicted) <= allowed)) {
      settled = false;
      estimate = Math.max(estimate, Math.abs(dv - best));
    }
  }
  return { value: best, estimate, rounding: bestNoise, step: h0, evals, rows, settled, last, ...flat3 && rows >= 2 ? { flat: true } : {} };
}
function plain(phi, base, h2, sigma, scheme) {
  if (scheme === "central") {
    const [p12, m1, p22, m2] = [phi(h2), phi(-h2), phi(2 * h2), phi(-2 * h2)];
    const d12 = (p12.f - m1.f) / (2 * h2);
    const d22 = (p22.f - m2.f) / (4 * h2);
    const rounding2 = sigma / h2 + 2 * EPS * Math.abs(d12);
    const clean2 = [p12, m1, p22, m2].every((p) => Number.isFinite(p.f) && same(p.signs, base.signs));
    return { value: d12, estimate: Math.abs(d22 - d12) / 3 + rounding2, rounding: rounding2, step: h2, evals: 4, rows: 1, clean: clean2, settled: true, last: h2 };
  }
  const [p1, p2] = [phi(h2), phi(2 * h2)];
  const d1 = (p1.f - base.f) / h2;
  const d2 = (p2.f - base.f) / (2 * h2);
  const rounding = 2 * sigma / h2 + 2 * EPS * Math.abs(d1);
  const clean = [p1, p2].every((p) => Number.isFinite(p.f) && same(p.signs, base.signs));
  return { value: d1, estimate: Math.abs(d2 - d1) + rounding, rounding, step: h2, evals: 2, rows: 1, clean, settled: true, last: h2 };
}
function measureNoise(phi, base, delta) {
  const p = [phi(-3 * delta), phi(-2 * delta), phi(-delta), base, phi(delta), phi(2 * delta), phi(3 * delta)];
  const f = p.map((q) => q.f);
  let sum2 = 0;
  let k = 0;
  for (let j = 2; j <= 4; j++) {
    const d4 = f[j - 2] - 4 * f[j - 1] + 6 * f[j] - 4 * f[j + 1] + f[j + 2];
    if (Number.isFinite(d4) && p.slice(j - 2, j + 3).every((q) => same(q.signs, base.signs))) {
      sum2 += d4 * d4;
      k++;
    }
  }
  const measured = k ? Math.sqrt(sum2 / k / 70) : 0;
  return { sigma: Math.max(measured, EPS * Math.abs(base.f)), evals: 6 };
}

// src/check/judge.ts
var DEFAULT_RTOL = 1e-8;
var DEFAULT_ATOL = 1e-12;
var ESTIMATE_FACTOR = 4;
var INCONCLUSIVE_RTOL = 1e-3;
var COMPLEX_RTOL = 1e-11;
function judge(a, n, estimate, rtol, atol, trustLarge = true) {
  const absErr = Math.abs(a - n);
  const scale = Math.max(Math.abs(a), Math.abs(n));
  const tol = atol + rtol * scale + ESTIMATE_FACTOR * estimate;
  const relErr = scale === 0 ? 0 : absErr / scale;
  if (Number.isNaN(a)) return { absErr: NaN, relErr: NaN, tol, verdict: "fail" };
  if (!Number.isFinite(n) || !Number.isFinite(estimate)) return { absErr, relErr, tol, verdict: "inconclusive" };
  const decisive = ESTIMATE_FACTOR * estimate <= Math.max(atol, INCONCLUSIVE_RTOL * Math.abs(n));
  if (absErr <= tol) return { absErr, relErr, tol, verdict: decisive ? "pass" : "inconclusive" };
  return { absErr, relErr, tol, verdict: decisive || trustLarge && absErr > 10 * tol ? "fail" : "inconclusive" };
}
function judgeQuotient(a, q, rtol, atol, trustLarge = true) {
  if (q.flat && q.value === 0 && a === 0) return { absErr: 0, relErr: 0, tol: atol, verdict: "pass", estimate: 0 };
  return { ...judge(a, q.value, q.estimate, rtol, atol, trustLarge), estimate: q.estimate };
}

// src/check/evidence.ts
var MAX_SCALES = 3;
var MIN_CONFIRM_STEP = 1e-9;
var fmt = (v) => v.toExponential(1).replace("e+", "e");
function confirmFailure(phi, base, a, first, sigma, scale, rtol, atol, goal = () => 0) {
  let evals = 0;
  const h0 = first.step;
  const up = phi(h0).f;
  const down = phi(-h0).f;
  evals += 2;
  const range = Math.max(Math.abs(base.f), Math.abs(up - base.f) || 0, Math.abs(down - base.f) || 0);
  const L2 = a === 0 ? Infinity : range / Math.abs(a);
  const floor = Math.max(MIN_CONFIRM_STEP * scale, a === 0 ? 0 : 16 * sigma / (INCONCLUSIVE_RTOL * Math.abs(a)));
  const rate = `f changes by about ${fmt(Math.abs(a))} per unit along this direction (the gradient says)`;
  const tableaux = [first];
  let h2 = Math.min(h0 / 16, L2);
  const agree = (p, q) => Math.abs(p.value - q.value) <= ESTIMATE_FACTOR * (p.estimate + q.estimate) + atol + rtol * Math.max(Math.abs(p.value), Math.abs(q.value));
  for (let k = 0; k < MAX_SCALES; k++, h2 /= 16) {
    if (h2 < floor) break;
    const q = ridders(phi, base, h2, sigma, 0, goal);
    if (!q) break;
    evals += q.evals;
    const prev = tableaux[tableaux.length - 1];
    tableaux.push(q);
    if (q.settled && prev.settled && prev.step <= L2 && agree(prev, q)) {
      const j2 = judgeQuotient(a, q, rtol, atol, true);
      const outcome = prev === first && j2.verdict === "fail" ? "confirmed" : "refined";
      const note = outcome === "confirmed" ? void 0 : `refined: the tableau from step ${fmt(h0)} disagreed with finer steps (its series had not settled); tableaux from ${fmt(prev.step)} and ${fmt(q.step)} agree and decide`;
      return { ...j2, outcome, quotient: q, evals, ...note ? { note } : {} };
    }
  }
  const last = tableaux[tableaux.length - 1];
  if (L2 < floor) {
    const q = { ...last, estimate: Infinity };
    const absErr = Math.abs(a - last.value);
    return {
      absErr,
      relErr: absErr / Math.max(Math.abs(a), Math.abs(last.value)),
      tol: Infinity,
      verdict: "inconclusive",
      outcome: "unresolvable",
      quotient: q,
      estimate: Infinity,
      evals,
      note: `${rate}; float64 differences cannot resolve it at this point (it would take steps below ${fmt(L2)}, where rounding decides); try another point`
    };
  }
  const values = tableaux.map((q) => q.value);
  const spread = Math.max(...values) - Math.min(...values);
  const widened = { ...last, estimate: Math.max(last.estimate, spread) };
  const j = judgeQuotient(a, widened, rtol, atol, false);
  return {
    ...j,
    verdict: j.verdict === "fail" ? "inconclusive" : j.verdict,
    outcome: "widened",
    quotient: widened,
    evals,
    note: `widened: tableaux from steps ${tableaux.map((q) => fmt(q.step)).join(", ")} disagree by ${fmt(spread)}; no evidence for a failure; try another point`
  };
}

// src/util/buffers.ts
function release(...arrays) {
  const buffers = /* @__PURE__ */ new Set();
  for (const a of arrays) {
    const b = a.buffer;
    if (b instanceof ArrayBuffer && b.byteLength > 0) buffers.add(b);
  }
  if (buffers.size) structuredClone(null, { transfer: [...buffers] });
}

// src/graph/hashcons.ts
function mix(op, a, b) {
  let h2 = Math.imul(a ^ 625341585, 2654435761) ^ Math.imul(b ^ 1481765933, 2246822519) ^ Math.imul(op, 3266489917);
  h2 ^= h2 >>> 15;
  h2 = Math.imul(h2, 739982445);
  return h2 ^ h2 >>> 13;
}
var F64 = new Float64Array(1);
var U32 = new Uint32Array(F64.buffer);
var NodeKeys = class {
  /** Per slot: id + 1 (0: empty), op code, a, b. */
  slots = new Int32Array(4 * 1024);
  count = 0;
  /** The slot holding this key, or the empty slot where it belongs. */
  find(op, a, b) {
    const s = this.slots;
    const mask = (s.length >> 2) - 1;
    let i = mix(op, a, b) & mask;
    while (s[4 * i] !== 0 && !(s[4 * i + 1] === op && s[4 * i + 2] === a && s[4 * i + 3] === b)) i = i + 1 & mask;
    return i;
  }
  /** The id at a slot `find` gave, or -1 when it is empty. */
  idAt(slot) {
    return this.slots[4 * slot] - 1;
  }
  /** Store a key `find` did not find, in the slot it gave. */
  insert(slot, op, a, b, id) {
    const s = this.slots;
    s[4 * slot] = id + 1;
    s[4 * slot + 1] = op;
    s[4 * slot + 2] = a;
    s[4 * slot + 3] = b;
    if (++this.count * 4 > 3 * (s.length >> 2)) this.grow();
  }
  grow() {
    const old = this.slots;
    const s = this.slots = new Int32Array(old.length * 2);
    for (let k = 0; k < old.length; k += 4) {
      if (old[k] === 0) continue;
      const i = 4 * this.find(old[k + 1], old[k + 2], old[k + 3]);
      s[i] = old[k];
      s[i + 1] = old[k + 1];
      s[i + 2] = old[k + 2];
      s[i + 3] = old[k + 3];
    }
    release(old);
  }
};
var NumberKeys = class {
  /** Per slot: the value, and id + 1 (0: empty). */
  values = new Float64Array(1024);
  ids = new Int32Array(1024);
  count = 0;
  find(v) {
    const { values, ids } = this;
    const mask = ids.length - 1;
    let h2;
    if (v !== v) h2 = 2146959360;
    else {
      F64[0] = v;
      h2 = mix(0, U32[0] | 0, U32[1] | 0);
    }
    let i = h2 & mask;
    for (; ids[i] !== 0; i = i + 1 & mask) {
      const w = values[i];
      if (w === v || w !== w && v !== v) break;
    }
    return i;
  }
  idAt(slot) {
    return this.ids[slot] - 1;
  }
  insert(slot, v, id) {
    this.values[slot] = v;
    this.ids[slot] = id + 1;
    if (++this.count * 4 > 3 * this.ids.length) this.grow();
  }
  grow() {
    const { values, ids } = this;
    this.values = new Float64Array(values.length * 2);
    this.ids = new Int32Array(ids.length * 2);
    for (let k = 0; k < ids.length; k++) {
      if (ids[k] === 0) continue;
      const i = this.find(values[k]);
      this.values[i] = values[k];
      this.ids[i] = ids[k];
    }
    release(values, ids);
  }
};

// src/graph/graph.ts
var SCALAR = Object.freeze([]);
var NO_INPUTS = Object.freeze([]);
var OP_CODES = /* @__PURE__ */ new Map();
var OP_NAMES = [""];
var DEFS = [void 0];
function opCode(op) {
  let c = OP_CODES.get(op);
  if (c === void 0) {
    OP_CODES.set(op, c = OP_NAMES.length);
    OP_NAMES.push(op);
    DEFS.push(void 0);
  }
  return c;
}
var VAR = opCode("var");
var CONST = opCode("const");
var Columns = class {
  /** Op code (OP_NAMES). */
  op = new Uint16Array(1024);
  /** The first and second input, -1 where there is none; -2 in both for more than two (the node's extra holds them). */
  in0 = new Int32Array(1024);
  in1 = new Int32Array(1024);
  /** Shape length (at most 255). */
  rank = new Uint8Array(1024);
  /** Where the node first appeared in the source; start -1: nowhere. */
  start = new Int32Array(1024);
  end = new Int32Array(1024);
  /** A scalar constant's value, 0 for every other node: the scalar engine starts its evaluations from it. */
  num = new Float64Array(1024);
  /**
   * Twice the room. The old arrays are released (read as empty afterwards): whoever keeps
   * a column (a scalar plan) keeps it for a graph of the size it saw, and makes it again
   * when the graph has grown.
   */
  grow() {
    const c = this.op.length * 2;
    const op = new Uint16Array(c);
    op.set(this.op);
    const rank = new Uint8Array(c);
    rank.set(this.rank);
    const num2 = new Float64Array(c);
    num2.set(this.num);
    const old = [this.op, this.rank, this.num, this.in0, this.in1, this.start, this.end];
    this.op = op;
    this.rank = rank;
    this.num = num2;
    for (const f of ["in0", "in1", "start", "end"]) {
      const x = new Int32Array(c);
      x.set(this[f]);
      this[f] = x;
    }
    release(...old);
  }
};
var NodeExtra = class {
  constructor(shape, attrs, value, name, inputs) {
    this.shape = shape;
    this.attrs = attrs;
    this.value = value;
    this.name = name;
    this.inputs = inputs;
  }
  shape;
  attrs;
  value;
  name;
  inputs;
};
var GraphNode = class {
  constructor(c, id, x) {
    this.c = c;
    this.id = id;
    this.x = x;
  }
  c;
  id;
  x;
  get op() {
    return OP_NAMES[this.c.op[this.id]];
  }
  get def() {
    return DEFS[this.c.op[this.id]];
  }
  get inputs() {
    const x = this.x;
    if (x !== void 0 && x.inputs !== void 0) return x.inputs;
    const a = this.c.in0[this.id];
    if (a < 0) return NO_INPUTS;
    const b = this.c.in1[this.id];
    return b < 0 ? [a] : [a, b];
  }
  get shape() {
    return this.x === void 0 ? SCALAR : this.x.shape;
  }
  get attrs() {
    return this.x === void 0 ? void 0 : this.x.attrs;
  }
  get value() {
    if (this.x !== void 0) return this.x.value;
    return this.c.op[this.id] === CONST ? this.c.num[this.id] : void 0;
  }
  get name() {
    return this.x === void 0 ? void 0 : this.x.name;
  }
  get span() {
    const start = this.c.start[this.id];
    return start < 0 ? void 0 : { start, end: this.c.end[this.id] };
  }
};
var Graph = class {
  nodes = [];
  /** Variable name → node id. */
  vars = /* @__PURE__ */ new Map();
  /** Name given by an assignment → node id. */
  names = /* @__PURE__ */ new Map();
  output = -1;
  /** The text the graph was parsed from; node spans point into it. */
  source;
  /** The nodes' fields by column (the scalar engine reads them without touching node objects). */
  columns = new Columns();
  // Hash-consing. Nodes of at most two inputs and no attributes (nearly all) are keyed by
  // (op code, input, input); plain numbers by value; the rest (attributes, labelled or -0
  // constants) by a string.
  memo = /* @__PURE__ */ new Map();
  small = new NodeKeys();
  numbers = new NumberKeys();
  variable(name, shape = [], span) {
    const known = this.vars.get(name);
    if (known !== void 0) return known;
    const id = this.push(VAR, -1, -1, void 0, shape, void 0, void 0, name, span ? span.start : -1, span ? span.end : -1);
    this.vars.set(name, id);
    return id;
  }
  constant(value, label, span) {
    if (typeof value === "number" && label === void 0 && !Object.is(value, -0)) return this.number(value, span ? span.start : -1, span ? span.end : -1);
    const key = typeof value === "number" ? `#${label ?? ""}:${Object.is(value, -0) ? "-0" : value}` : void 0;
    const known = key === void 0 ? void 0 : this.memo.get(key);
    if (known !== void 0) return known;
    const id = this.push(CONST, -1, -1, void 0, shapeOf(value), void 0, value, label, span ? span.start : -1, span ? span.end : -1);
    if (key) this.memo.set(key, id);
    return id;
  }
  /** A plain number constant (not -0), shared by value (NaN matches NaN); first seen at start..end (start -1: nowhere). */
  number(v, start = -1, end = -1) {
    if (Object.is(v, -0)) return this.constant(v, void 0, start < 0 ? void 0 : { start, end });
    const slot = this.numbers.find(v);
    const known = this.numbers.idAt(slot);
    if (known >= 0) return known;
    const id = this.push(CONST, -1, -1, void 0, SCALAR, void 0, v, void 0, start, end);
    this.numbers.insert(slot, v, id);
    return id;
  }
  /**
   * The node `op(a)` or `op(a, b)` (b = -1 for one input; no attributes) if the graph has
   * it already, else -1. Lets a caller skip making the inputs array and span a new node keeps.
   */
  existing(op, a, b) {
    return this.small.idAt(this.small.find(opCode(op), a, b));
  }
  /** The plain number constant `v`, if the graph has it, else -1. */
  existingNumber(v) {
    if (Object.is(v, -0)) return -1;
    return this.numbers.idAt(this.numbers.find(v));
  }
  /** The rank of node id's shape. */
  rank(id) {
    return this.columns.rank[id];
  }
  /** Add `op(inputs)`, or return the identical node that exists. Throws CgError('shape'). */
  add(op, inputs, attrs, span) {
    const n = inputs.length;
    return this.make(opCode(op), n > 0 ? inputs[0] : -1, n > 1 ? inputs[1] : -1, n > 2 ? inputs : void 0, attrs, span ? span.start : -1, span ? span.end : -1);
  }
  /**
   * add(op, [a]) or add(op, [a, b]) (b = -1 for one input), first seen at start..end, for
   * the op of code opCode(op): no name lookup, inputs array or span object to make.
   */
  addAt(code, a, b, start, end) {
    return this.make(code, a, b, void 0, void 0, start, end);
  }
  /** The node op(a, b) or op(wide), made if new. */
  make(code, a, b, wide, attrs, start, end) {
    const keyed = !attrs && wide === void 0;
    const op = OP_NAMES[code];
    let slot = -1;
    let key = "";
    if (keyed) {
      slot = this.small.find(code, a, b);
      const known = this.small.idAt(slot);
      if (known >= 0) return known;
    } else {
      key = `${op}(${(wide ?? (a < 0 ? [] : b < 0 ? [a] : [a, b])).join(",")})${attrs ? JSON.stringify(attrs) : ""}`;
      const known = this.memo.get(key);
      if (known !== void 0) return known;
    }
    const def = DEFS[code] ?? getOp(op);
    const { nodes, columns } = this;
    let shape;
    try {
      shape = def.shape === elementwise && keyed && (a < 0 || columns.rank[a] === 0) && (b < 0 || columns.rank[b] === 0) ? SCALAR : def.shape(
        (wide ?? (a < 0 ? [] : b < 0 ? [a] : [a, b])).map((i) => nodes[i].shape),
        attrs
      );
    } catch (e) {
      throw new CgError("shape", `shape mismatch in ${op}: ${e.message}`, { span: start < 0 ? void 0 : { start, end } });
    }
    DEFS[code] = def;
    const id = wide === void 0 ? this.push(code, a, b, void 0, shape, attrs, void 0, void 0, start, end) : this.push(code, -2, -2, wide, shape, attrs, void 0, void 0, start, end);
    if (keyed) this.small.insert(slot, code, a, b, id);
    else this.memo.set(key, id);
    return id;
  }
  /** The names an assignment gave node `id`, joined for display. */
  nameOf(id) {
    let found;
    for (const [name, nid] of this.names) if (nid === id) found = found ? `${found}, ${name}` : name;
    return found;
  }
  push(code, a, b, wide, shape, attrs, value, name, start, end) {
    const c = this.columns;
    const id = this.nodes.length;
    if (id === c.op.length) c.grow();
    c.op[id] = code;
    c.in0[id] = a;
    c.in1[id] = b;
    c.rank[id] = Math.min(shape.length, 255);
    c.start[id] = start;
    c.end[id] = start < 0 ? -1 : end;
    if (typeof value === "number") c.num[id] = value;
    const plain2 = shape.length === 0 && attrs === void 0 && name === void 0 && wide === void 0 && (value === void 0 || typeof value === "number");
    this.nodes.push(new GraphNode(c, id, plain2 ? void 0 : new NodeExtra(shape, attrs, value, name, wide)));
    return id;
  }
};
function dependents(g, from) {
  const n = g.nodes.length;
  const { in0, in1 } = g.columns;
  const on = new Uint8Array(n);
  for (const id of from) on[id] = 1;
  for (let id = 0; id < n; id++) {
    if (on[id]) continue;
    const a = in0[id];
    if (a === -2) {
      for (const i of g.nodes[id].inputs) if (on[i]) {
        on[id] = 1;
        break;
      }
    } else if (a >= 0 && on[a] || in1[id] >= 0 && on[in1[id]]) on[id] = 1;
  }
  return on;
}

// src/graph/engines/complex-step.ts
var COMPLEX_H = 1e-200;
var complexCapable = (g, id) => {
  const def = g.nodes[id].def;
  return def === void 0 || def.complex !== void 0 || def.linearity !== void 0;
};
function complexReach(g, output = g.output) {
  const ok = /* @__PURE__ */ new Set();
  const blocked = /* @__PURE__ */ new Map();
  const leads = new Uint8Array(g.nodes.length);
  leads[output] = 1;
  for (let id = output; id >= 0; id--) if (leads[id]) for (const i of g.nodes[id].inputs) leads[i] = 1;
  for (const [name, id] of g.vars) {
    const on = dependents(g, [id]);
    let stop;
    for (let k = id; k <= output && stop === void 0; k++) if (on[k] && leads[k] && !complexCapable(g, k)) stop = g.nodes[k].op;
    if (stop === void 0) ok.add(name);
    else blocked.set(name, stop);
  }
  return { ok, blocked };
}
var flat = (v) => typeof v === "number" ? [v] : v.data;
var zeros = (v) => typeof v === "number" ? 0 : new Tensor(v.shape, new Float64Array(v.size));
var plus = (a, b) => zip(a, b, (p, q) => p + q);
function complexStep(g, vals, seed, h2 = COMPLEX_H, output = g.output, entry = 0) {
  const parts = new Array(output + 1);
  for (let id = 0; id <= output; id++) {
    const n = g.nodes[id];
    if (n.op === "var") {
      const s = seed.get(n.name);
      parts[id] = s === void 0 ? void 0 : { re: vals[id], im: typeof s === "number" ? s * h2 : new Tensor(s.shape, s.data.map((v) => v * h2)) };
      continue;
    }
    const def = n.def;
    if (!def) continue;
    const inputs = n.inputs;
    let reached = false;
    for (let k = 0; k < inputs.length; k++) if (parts[inputs[k]] !== void 0) reached = true;
    if (!reached) continue;
    if (def.complex && typeof vals[id] === "number" && inputs.length <= 2) {
      const a = inputs[0];
      const za = cx(vals[a], parts[a]?.im ?? 0);
      let z;
      if (inputs.length === 1) z = def.complex(za).im;
      else {
        const b = inputs[1];
        z = def.complex(za, cx(vals[b], parts[b]?.im ?? 0)).im;
      }
      if (!(Math.abs(z) <= 1e50 * h2 * Math.max(1, Math.abs(vals[id])))) return void 0;
      parts[id] = { re: vals[id], im: z };
      continue;
    }
    const ins = inputs.map((i) => parts[i]);
    const re = inputs.map((i, k) => ins[k]?.re ?? vals[i]);
    const ims = inputs.map((_, k) => ins[k]?.im);
    let im;
    if (def.complex) {
      const shape = shapeOf(vals[id]);
      const size = sizeOf(shape);
      const wide = (v) => v === void 0 ? void 0 : flat(shape.length === 0 || sameShape(shapeOf(v), shape) ? v : broadcastTo(v, shape));
      const rs = re.map(wide);
      const is = ims.map(wide);
      const outIm = new Float64Array(size);
      const f = def.complex;
      if (rs.length === 1) {
        const [r0, i0] = [rs[0], is[0]];
        for (let j = 0; j < size; j++) outIm[j] = f(cx(r0[j], i0 ? i0[j] : 0)).im;
      } else if (rs.length === 2) {
        const [r0, i0, r1, i1] = [rs[0], is[0], rs[1], is[1]];
        for (let j = 0; j < size; j++) outIm[j] = f(cx(r0[j], i0 ? i0[j] : 0), cx(r1[j], i1 ? i1[j] : 0)).im;
      } else {
        for (let j = 0; j < size; j++) outIm[j] = f(...rs.map((r2, k) => cx(r2[j], is[k]?.[j] ?? 0))).im;
      }
      im = shape.length === 0 ? outIm[0] : new Tensor(shape, outIm);
    } else if (def.linearity === "linear") {
      im = def.eval(ims.map((v, k) => v ?? zeros(re[k])), n.attrs);
    } else if (def.linearity === "bilinear") {
      const [[a, b], [c, d]] = [[re[0], ims[0]], [re[1], ims[1]]];
      const ev = (p, q) => def.eval([p, q], n.attrs);
      im = b === void 0 ? ev(a, d) : d === void 0 ? ev(b, c) : plus(ev(a, d), ev(b, c));
    } else {
      return void 0;
    }
    const out2 = { re: vals[id], im };
    const r = flat(out2.re);
    const m = flat(out2.im);
    for (let j = 0; j < m.length; j++) if (!(Math.abs(m[j]) <= 1e50 * h2 * Math.max(1, Math.abs(r[j])))) return void 0;
    parts[id] = out2;
  }
  const top = parts[output];
  if (!top) return 0;
  return flat(top.im)[entry] / h2;
}

// src/graph/builder.ts
var Builder = class {
  v(x) {
    return typeof x === "number" ? this.lift(x) : x;
  }
  op(name, ...xs) {
    return this.apply(name, xs.map((x) => this.v(x)));
  }
  add(a, b) {
    if (a === void 0 || a === 0) return b === void 0 ? void 0 : this.v(b);
    if (b === void 0 || b === 0) return this.v(a);
    return this.apply("add", [this.v(a), this.v(b)]);
  }
  sub(a, b) {
    if (b === void 0 || b === 0) return a === void 0 ? void 0 : this.v(a);
    if (a === void 0 || a === 0) return this.neg(b);
    return this.apply("sub", [this.v(a), this.v(b)]);
  }
  mul(a, b) {
    if (a === void 0 || b === void 0 || a === 0 || b === 0) return void 0;
    if (a === 1) return this.v(b);
    if (b === 1) return this.v(a);
    return this.apply("mul", [this.v(a), this.v(b)]);
  }
  div(a, b) {
    if (a === void 0 || a === 0) return void 0;
    if (b === 1) return this.v(a);
    return this.apply("div", [this.v(a), this.v(b)]);
  }
  neg(a) {
    if (a === void 0 || a === 0) return void 0;
    return this.apply("neg", [this.v(a)]);
  }
  square(a) {
    return this.apply("square", [a]);
  }
  /** Sum a broadcast adjoint back down to `shape`. */
  sumTo(a, shape) {
    if (a === void 0) return void 0;
    return this.apply("sum_to", [a], { shape });
  }
  /** Repeat a tangent up to `shape`. */
  broadcastTo(a, shape) {
    if (a === void 0) return void 0;
    return this.apply("broadcast_to", [a], { shape });
  }
};

// src/graph/engines/numeric.ts
var NumericBuilder = class extends Builder {
  lift(v) {
    return v;
  }
  apply(op, xs, attrs) {
    return getOp(op).eval(xs, attrs);
  }
  shape(x) {
    return shapeOf(x);
  }
  // Functions called inside derivative rules (cos in sin's rule): on numbers, straight to
  // the op's scalar function, without an argument array.
  op(name, a, b) {
    const def = getOp(name);
    if (def.scalar && typeof a === "number" && (b === void 0 || typeof b === "number")) return def.scalar(a, b);
    return def.eval(b === void 0 ? [a] : [a, b], void 0);
  }
  // Scalar fast paths: the backward sweep of a scalar graph is mostly these.
  add(a, b) {
    return typeof a === "number" && typeof b === "number" ? a + b : super.add(a, b);
  }
  sub(a, b) {
    return typeof a === "number" && typeof b === "number" ? a - b : super.sub(a, b);
  }
  mul(a, b) {
    return typeof a === "number" && typeof b === "number" ? a * b : super.mul(a, b);
  }
  div(a, b) {
    return typeof a === "number" && typeof b === "number" ? a / b : super.div(a, b);
  }
  neg(a) {
    return typeof a === "number" ? -a : super.neg(a);
  }
  square(a) {
    return typeof a === "number" ? a * a : super.square(a);
  }
};
var num = new NumericBuilder();
function filled(v, shape) {
  if (v === void 0) return shape.length === 0 ? 0 : Tensor.zeros(shape);
  return broadcastTo(v, shape);
}

// src/graph/engines/scalar.ts
var INLINE = { add: 1, sub: 2, mul: 3, div: 4, neg: 5, square: 6, exp: 7, log: 8, sqrt: 9, sin: 10, cos: 11, tanh: 12, sigmoid: 13 };
var RULES = new Map(Object.keys(INLINE).map((name) => [name, { scalar: getOp(name).scalar, partials: getOp(name).partials }]));
var GENERIC = 255;
function inlineCode(d) {
  const r = RULES.get(d.name);
  return r && r.scalar === d.scalar && r.partials === d.partials ? INLINE[d.name] : 0;
}
var plans = /* @__PURE__ */ new WeakMap();
function planOf(g) {
  const known = plans.get(g);
  if (known && known.n === g.nodes.length) return known.plan;
  const plan = compile(g);
  plans.set(g, { n: g.nodes.length, plan });
  return plan;
}
function compile(g) {
  const n = g.nodes.length;
  const { nodes, columns } = g;
  const { rank } = columns;
  let count2 = 0;
  const vars = [];
  for (let i = 0; i < n; i++) {
    if (rank[i] !== 0) return void 0;
    const node = nodes[i];
    if (node.def) count2++;
    else if (node.op === "var") vars.push({ id: i, name: node.name });
  }
  const { in0, in1 } = columns;
  const ops = new Int32Array(count2);
  const def = new Uint16Array(n);
  const code = new Uint8Array(n);
  const defs = [];
  const index = /* @__PURE__ */ new Map();
  const codes = [];
  count2 = 0;
  for (let i = 0; i < n; i++) {
    const d = nodes[i].def;
    if (!d) continue;
    if (!d.scalar || !d.partials || in0[i] < 0) return void 0;
    ops[count2++] = i;
    let k = index.get(d);
    if (k === void 0) {
      if (defs.length === 65535) return void 0;
      index.set(d, k = defs.length);
      defs.push(d);
      codes.push(inlineCode(d));
    }
    def[i] = k;
    code[i] = codes[k] || GENERIC;
  }
  const constant2 = defs.map((d) => {
    if (!d.constantPartials) return void 0;
    const p = d.partials(num, [], 0);
    return [p[0] ?? 0, p[1] ?? 0];
  });
  const scratch = { vals: new Float64Array(n), d0: new Float64Array(n), d1: new Float64Array(n) };
  return { n, ops, in0, in1, def, code, defs, constant: constant2, template: columns.num.subarray(0, n), vars, scratch };
}
function isScalarGraph(g) {
  return planOf(g) !== void 0;
}
function evaluateScalar(g, env) {
  return evaluateScalarAt(g, variableValues(g, env));
}
function variableValues(g, env) {
  return planOf(g).vars.map((v) => env.get(v.name));
}
function evaluateScalarAt(g, at) {
  const p = planOf(g);
  const vals = p.template.slice();
  p.vars.forEach((v, k) => vals[v.id] = at[k]);
  const { ops, in0, in1, def, defs } = p;
  for (let k = 0; k < ops.length; k++) {
    const i = ops[k];
    const b = in1[i];
    const f = defs[def[i]].scalar;
    vals[i] = b < 0 ? f(vals[in0[i]]) : f(vals[in0[i]], vals[b]);
  }
  return vals;
}
var X1 = [0];
var X2 = [0, 0];
function linearize(g, env, given, reuse = false) {
  const p = planOf(g);
  let vals = given;
  if (!vals) {
    if (reuse) {
      vals = p.scratch.vals;
      vals.set(p.template);
    } else vals = p.template.slice();
    for (const v of p.vars) vals[v.id] = env.get(v.name);
  }
  const { n, in0, in1, code, def, defs, constant: constant2 } = p;
  const { d0, d1 } = p.scratch;
  for (let i = 0; i < n; i++) {
    const c = code[i];
    if (c === 0) continue;
    const b = in1[i];
    const x = vals[in0[i]];
    const q = b < 0 ? 0 : vals[b];
    let y;
    switch (c) {
      case 1:
        y = x + q;
        break;
      // add
      case 2:
        y = x - q;
        break;
      // sub
      case 3:
        y = x * q;
        break;
      // mul
      case 4:
        y = x / q;
        break;
      // div
      case 5:
        y = -x;
        break;
      // neg
      case 6:
        y = x * x;
        break;
      // square
      case 7:
        y = Math.exp(x);
        break;
      case 8:
        y = Math.log(x);
        break;
      case 9:
        y = Math.sqrt(x);
        break;
      case 10:
        y = Math.sin(x);
        break;
      case 11:
        y = Math.cos(x);
        break;
      case 12:
        y = Math.tanh(x);
        break;
      case 13:
        if (x >= 0) y = 1 / (1 + Math.exp(-x));
        else {
          const e = Math.exp(x);
          y = e / (1 + e);
        }
        break;
      default: {
        const f = defs[def[i]].scalar;
        y = given ? 0 : b < 0 ? f(x) : f(x, q);
      }
    }
    if (given) y = vals[i];
    else vals[i] = y;
    switch (c) {
      case 1:
        d0[i] = 1;
        d1[i] = 1;
        break;
      case 2:
        d0[i] = 1;
        d1[i] = -1;
        break;
      case 3:
        d0[i] = q;
        d1[i] = x;
        break;
      case 4:
        d0[i] = 1 / q;
        d1[i] = -(y / q);
        break;
      case 5:
        d0[i] = -1;
        break;
      case 6:
        d0[i] = 2 * x;
        break;
      case 7:
        d0[i] = y;
        break;
      case 8:
        d0[i] = 1 / x;
        break;
      case 9:
        d0[i] = 0.5 / y;
        break;
      case 10:
        d0[i] = Math.cos(x);
        break;
      case 11:
        d0[i] = -Math.sin(x);
        break;
      case 12:
        d0[i] = 1 - y * y;
        break;
      case 13:
        d0[i] = y * (1 - y);
        break;
      default: {
        const k = constant2[def[i]];
        if (k) {
          d0[i] = k[0];
          d1[i] = k[1];
          break;
        }
        let xs;
        if (b < 0) {
          X1[0] = x;
          xs = X1;
        } else {
          X2[0] = x;
          X2[1] = q;
          xs = X2;
        }
        const r = defs[def[i]].partials(num, xs, y);
        d0[i] = r[0] ?? 0;
        if (b >= 0) d1[i] = r[1] ?? 0;
      }
    }
  }
  return { vals, d0, d1 };
}
function reverseScalar(g, lin, output, into2) {
  const p = planOf(g);
  const { ops, in0, in1 } = p;
  const { d0, d1 } = lin;
  const adj = (into2 ?? (p.scratch.adj ??= new Float64Array(p.n))).subarray(0, output + 1);
  adj.fill(0);
  adj[output] = 1;
  for (let k = ops.length - 1; k >= 0; k--) {
    const i = ops[k];
    if (i > output) continue;
    const gi = adj[i];
    if (gi === 0) continue;
    if (d0[i] !== 0) adj[in0[i]] += gi * d0[i];
    const b = in1[i];
    if (b >= 0 && d1[i] !== 0) adj[b] += gi * d1[i];
  }
  return adj;
}
function forwardScalar(g, lin, seed, output) {
  if (seed > output) return 0;
  const p = planOf(g);
  const { ops, in0, in1 } = p;
  const { d0, d1 } = lin;
  const tan2 = (p.scratch.tan ??= new Float64Array(p.n)).subarray(0, output + 1);
  tan2.fill(0);
  tan2[seed] = 1;
  for (let k = 0; k < ops.length; k++) {
    const i = ops[k];
    if (i < seed) continue;
    if (i > output) break;
    const b = in1[i];
    const ta = tan2[in0[i]];
    const tb = b >= 0 ? tan2[b] : 0;
    let t = 0;
    if (ta !== 0 && d0[i] !== 0) t += ta * d0[i];
    if (tb !== 0 && d1[i] !== 0) t += tb * d1[i];
    tan2[i] = t;
  }
  return tan2[output];
}

// src/graph/engines/evaluate.ts
function evaluate(g, env) {
  const nodes = g.nodes;
  const vals = new Array(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    const def = n.def;
    if (def) {
      const ins = n.inputs;
      const args = ins.length === 1 ? [vals[ins[0]]] : ins.length === 2 ? [vals[ins[0]], vals[ins[1]]] : ins.map((j) => vals[j]);
      vals[i] = def.eval(args, n.attrs);
    } else if (n.op === "const") {
      vals[i] = n.value;
    } else {
      const v = env.get(n.name);
      if (v === void 0) throw new CgError("unbound", `no value for variable ${n.name}`);
      vals[i] = v;
    }
  }
  return vals;
}
function evaluateFast(g, env) {
  return isScalarGraph(g) ? evaluateScalar(g, env) : evaluate(g, env);
}

// src/util/random.ts
function mulberry32(seed) {
  let s = seed | 0;
  return () => {
    s = s + 1831565813 | 0;
    let t = Math.imul(s ^ s >>> 15, s | 1);
    t ^= t + Math.imul(t ^ t >>> 7, t | 61);
    return ((t ^ t >>> 14) >>> 0) / 4294967296;
  };
}
function normal(rand) {
  const spare = new Float64Array(1);
  let hasSpare = false;
  return () => {
    if (hasSpare) {
      hasSpare = false;
      return spare[0];
    }
    const u = 1 - rand();
    const r = Math.sqrt(-2 * Math.log(u));
    const a = 2 * Math.PI * rand();
    spare[0] = r * Math.sin(a);
    hasSpare = true;
    return r * Math.cos(a);
  };
}

// src/graph/engines/directions.ts
var MAX_COMPONENTS = 100;
var RANDOM_DIRECTIONS = 16;
var SAMPLED_COMPONENTS = 8;
var flat2 = (v) => typeof v === "number" ? [v] : v.data;
function directions(env, analytic, opts) {
  const names = [...analytic.keys()];
  const total2 = names.reduce((s, n) => s + sizeOf(shapeOf(env.get(n))), 0);
  const component = (name, k) => {
    const v = env.get(name);
    const x = flat2(v)[k];
    return {
      ...componentLabel(name, shapeOf(v), k),
      variable: name,
      a: flat2(analytic.get(name))[k],
      move: (t) => withComponent(env, name, k, x + t),
      scale: Math.max(1, Math.abs(x))
    };
  };
  if (total2 <= (opts.maxComponents ?? MAX_COMPONENTS)) {
    return names.flatMap((name) => Array.from({ length: sizeOf(shapeOf(env.get(name))) }, (_, k) => component(name, k)));
  }
  const out2 = [];
  const rand = normal(mulberry32(opts.seed ?? 1));
  for (let d = 0; d < (opts.directions ?? RANDOM_DIRECTIONS); d++) {
    const dir = /* @__PURE__ */ new Map();
    let norm2 = 0;
    for (const name of names) {
      const r = Float64Array.from({ length: sizeOf(shapeOf(env.get(name))) }, rand);
      for (const x of r) norm2 += x * x;
      dir.set(name, r);
    }
    norm2 = Math.sqrt(norm2);
    let a = 0;
    let scale = 1;
    const vector = /* @__PURE__ */ new Map();
    for (const name of names) {
      const r = dir.get(name);
      for (let i = 0; i < r.length; i++) r[i] /= norm2;
      const grad = flat2(analytic.get(name));
      const xs = flat2(env.get(name));
      for (let i = 0; i < r.length; i++) {
        a += r[i] * grad[i];
        scale = Math.max(scale, Math.abs(xs[i]));
      }
      const v = env.get(name);
      vector.set(name, typeof v === "number" ? r[0] : new Tensor(v.shape, r));
    }
    out2.push({
      label: `v${d + 1}`,
      variable: "",
      index: [],
      a,
      scale,
      vector,
      move: (t) => {
        const next = new Map(env);
        for (const name of names) {
          const v = env.get(name);
          const r = dir.get(name);
          if (typeof v === "number") next.set(name, v + t * r[0]);
          else next.set(name, new Tensor(v.shape, v.data.map((x, i) => x + t * r[i])));
        }
        return next;
      }
    });
  }
  const pick2 = mulberry32((opts.seed ?? 1) + 7919);
  const seen = /* @__PURE__ */ new Set();
  const want = Math.min(opts.samples ?? SAMPLED_COMPONENTS, total2);
  while (seen.size < want) seen.add(Math.floor(pick2() * total2));
  for (const flatIndex of [...seen].sort((p, q) => p - q)) {
    let rest = flatIndex;
    for (const name of names) {
      const size = sizeOf(shapeOf(env.get(name)));
      if (rest < size) {
        out2.push(component(name, rest));
        break;
      }
      rest -= size;
    }
  }
  return out2;
}
function withComponent(env, name, k, x) {
  const next = new Map(env);
  const v = env.get(name);
  if (typeof v === "number") next.set(name, x);
  else {
    const data3 = v.data.slice();
    data3[k] = x;
    next.set(name, new Tensor(v.shape, data3));
  }
  return next;
}
function componentLabel(name, shape, k) {
  if (shape.length === 0) return { label: name, index: [] };
  const index = [];
  let rest = k;
  for (let ax = shape.length - 1; ax >= 0; ax--) {
    index.unshift(rest % shape[ax]);
    rest = Math.floor(rest / shape[ax]);
  }
  return { label: `${name}[${index.join(",")}]`, index };
}
function allComponents(env, analytic) {
  const names = [...analytic.keys()];
  let scale = 1;
  for (const n of names) for (const x of Array.from(flat2(env.get(n)))) scale = Math.max(scale, Math.abs(x));
  return {
    label: "",
    variable: "",
    index: [],
    a: 0,
    scale,
    move: (t) => {
      const next = new Map(env);
      for (const n of names) {
        const v = env.get(n);
        next.set(n, typeof v === "number" ? v + t : new Tensor(v.shape, v.data.map((x) => x + t)));
      }
      return next;
    }
  };
}

// src/graph/check/check.ts
var EPS2 = Number.EPSILON;
var RIDDERS_STEP = 1 / 16;
var MIN_STEP = 1e-7;
function probe(g, kinkNodes, env, output, entry = 0) {
  const vals = evaluateFast(g, env);
  const signs = [];
  for (const n of kinkNodes) {
    const at = n.def.kink.at(n.inputs.map((i) => vals[i]));
    if (typeof at === "number") signs.push(Math.sign(at));
    else for (const v of at.data) signs.push(Math.sign(v));
  }
  const f = vals[output];
  return { f: typeof f === "number" ? f : f.data[entry], signs, vals };
}
var fmt2 = (h2) => h2.toExponential(1).replace("e+", "e");
var fmtNum = (v) => String(Number(v.toPrecision(6)));
var HELP = "try --step (a smaller or larger first step) or another point";
function checkGradient(g, env, analytic, opts = {}, output = g.output) {
  const rtol = opts.rtol ?? DEFAULT_RTOL;
  const complexRtol = opts.rtol ?? COMPLEX_RTOL;
  const atol = opts.atol ?? DEFAULT_ATOL;
  const scheme = opts.scheme ?? "auto";
  const kinkNodes = g.nodes.filter((n) => n.def?.kink && n.id <= output);
  const entry = opts.outputIndex ?? 0;
  const at = (e) => probe(g, kinkNodes, e, output, entry);
  const first = probe(g, kinkNodes, env, output, entry);
  const base = { f: first.f, signs: first.signs };
  const dirs = directions(env, analytic, opts);
  const useComplex = scheme === "auto" || scheme === "complex";
  const reach = useComplex ? complexReach(g, output) : void 0;
  let evals = 1;
  let sigma = EPS2 * Math.abs(base.f);
  const measured = () => {
    if (Number.isFinite(base.f) && dirs.length) {
      const probeDir = dirs.find((d) => d.vector) ?? allComponents(env, analytic);
      const m = measureNoise((t) => at(probeDir.move(t)), base, 1e-8 * probeDir.scale);
      sigma = m.sigma;
      evals += m.evals;
    }
    return sigma;
  };
  let noise;
  const components = [];
  for (const dir of dirs) {
    let c;
    let why;
    if (reach && Number.isFinite(base.f)) {
      const moved = dir.vector ? [...dir.vector.keys()] : [dir.variable];
      const stop = moved.map((v) => reach.blocked.get(v)).find((x) => x !== void 0);
      if (stop === void 0) {
        c = checkComplex(g, first.vals, dir, env, complexRtol, atol, output, entry);
        if (!c) why = "the complex evaluation left the real line (a branch cut, or derivatives beyond 1e50)";
      } else {
        why = `${stop} on the path has no complex evaluation`;
      }
    }
    if (!c) {
      noise ??= measured();
      c = checkOne(dir, (t) => at(dir.move(t)), base, noise, scheme === "auto" || scheme === "complex" ? "ridders" : scheme, opts.step, rtol, atol);
      if (scheme === "complex" && why) c.note = `no complex step: ${why}; Ridders' differences instead${c.note ? `; ${c.note}` : ""}`;
    }
    evals += c.evals;
    components.push(c);
  }
  const strict = opts.strict ?? false;
  for (const c of components) c.ok = c.verdict === "pass" || c.verdict === "inconclusive" && !strict;
  const counts = { passed: 0, failed: 0, inconclusive: 0 };
  for (const c of components) counts[c.verdict === "pass" ? "passed" : c.verdict === "fail" ? "failed" : "inconclusive"]++;
  const random = dirs.filter((d) => d.vector);
  const nComplex = components.filter((c) => c.reference === "complex step").length;
  const fd = scheme === "central" ? "central differences" : scheme === "forward" ? "forward differences" : "Ridders' extrapolated central differences";
  const how = nComplex === components.length && nComplex > 0 ? `the complex step Im f(x + ih)/h, h = ${COMPLEX_H}` : nComplex > 0 ? `the complex step Im f(x + ih)/h (h = ${COMPLEX_H}) for ${nComplex} of ${components.length}, ${fd} for the rest (a non-analytic op on their path)` : fd;
  const sided = nComplex < components.length ? ", one-sided at kinks and domain edges" : "";
  return {
    method: random.length ? `${how}, along ${random.length} random directions (g\u1D40v) and ${dirs.length - random.length} sampled components${sided}` : `${how}${sided}`,
    scheme,
    step: nComplex === components.length && nComplex > 0 ? `h = ${COMPLEX_H} (imaginary)` : stepText(scheme, opts.step),
    rtol,
    complexRtol,
    atol,
    k: ESTIMATE_FACTOR,
    strict,
    ok: Number.isFinite(base.f) && components.every((c) => c.ok),
    counts,
    components,
    kinks: kinkHits(g, first.vals, output),
    noise: noise ?? sigma,
    evalsPerComponent: components.length ? evals / components.length : 0,
    directions: random.map((d) => ({ label: d.label, vector: d.vector }))
  };
}
var COMPLEX_STEPS = [COMPLEX_H, COMPLEX_H * 0.7718281828, COMPLEX_H * 1.3141592653];
function checkComplex(g, vals, dir, env, rtol, atol, output, entry) {
  const seed = /* @__PURE__ */ new Map();
  if (dir.vector) for (const [k, v] of dir.vector) seed.set(k, v);
  else {
    const v = env.get(dir.variable);
    if (typeof v === "number") seed.set(dir.variable, 1);
    else {
      const unit = new Float64Array(v.size);
      let k = 0;
      for (let ax = 0; ax < dir.index.length; ax++) k = k * v.shape[ax] + dir.index[ax];
      unit[k] = 1;
      seed.set(dir.variable, new Tensor(v.shape, unit));
    }
  }
  const ds = [];
  for (const h2 of COMPLEX_STEPS) {
    const d = complexStep(g, vals, seed, h2, output, entry);
    if (d === void 0 || !Number.isFinite(d)) return void 0;
    ds.push(d);
  }
  const value = ds[0];
  const estimate = Math.max(...ds) - Math.min(...ds) + 16 * EPS2 * Math.abs(value);
  const j = judge(dir.a, value, estimate, rtol, atol);
  return {
    label: dir.label,
    variable: dir.variable,
    index: dir.index,
    analytic: dir.a,
    numeric: value,
    estimate,
    ...j,
    ok: j.verdict !== "fail",
    method: dir.vector ? "directional" : "complex",
    reference: "complex step",
    rtol,
    step: COMPLEX_H,
    evals: COMPLEX_STEPS.length,
    ...j.verdict === "inconclusive" ? { note: `the complex step's rounding spread ${fmt2(estimate)} is too large to decide` } : {}
  };
}
function stepText(scheme, step) {
  const rel = "\xB7max(1,|x|)";
  if (step !== void 0) return `${step}${rel}`;
  if (scheme === "ridders" || scheme === "auto" || scheme === "complex") return `max(1,|x|)/16, halved per row`;
  return scheme === "central" ? `cbrt(eps)${rel}` : `sqrt(eps)${rel}`;
}
function checkOne(dir, phi, base, sigma, scheme, step, rtol, atol) {
  const head = { label: dir.label, variable: dir.variable, index: dir.index, analytic: dir.a, rtol, reference: "differences" };
  const method = dir.vector ? "directional" : scheme;
  const result = (q2, m, note2, extra2 = {}) => {
    const j = judgeQuotient(dir.a, q2, rtol, atol, m !== "one-sided" && q2.settled);
    let why = note2;
    if (j.verdict === "inconclusive" && !why) why = `the error estimate ${fmt2(q2.estimate)} is too large to decide; ${scheme === "ridders" ? HELP : `try --scheme ridders, ${HELP.slice(4)}`}`;
    return { ...head, numeric: q2.value, ...j, ok: j.verdict !== "fail", method: m, step: q2.step, evals: q2.evals, ...why ? { note: why } : {}, ...extra2 };
  };
  if (!Number.isFinite(base.f)) {
    return { ...head, numeric: NaN, estimate: NaN, absErr: NaN, relErr: NaN, tol: NaN, verdict: "inconclusive", ok: true, method, step: 0, evals: 0, note: `f is ${base.f} at this point: no difference quotient can be taken` };
  }
  const s = dir.scale;
  const goal = (v) => 0.01 * (atol + rtol * Math.abs(v));
  if (scheme !== "ridders") {
    const h2 = (step ?? (scheme === "central" ? Math.cbrt(EPS2) : Math.sqrt(EPS2))) * s;
    const q2 = plain(phi, base, h2, sigma, scheme);
    return result(q2, method, q2.clean ? void 0 : `the stencil crosses a kink or leaves the domain at step ${h2}; try --scheme ridders`);
  }
  let evals = 0;
  const seen = { nonfinite: 0 };
  const phi0 = phi;
  phi = (t) => {
    const p = phi0(t);
    if (!Number.isFinite(p.f) && (!seen.nonfinite || Math.abs(t) < seen.nonfinite)) seen.nonfinite = Math.abs(t);
    return p;
  };
  if (Number.isFinite(dir.a)) {
    for (let h2 = (step ?? RIDDERS_STEP) * s; h2 >= MIN_STEP * s; h2 /= 16) {
      const q2 = ridders(phi, base, h2, sigma, 0, goal);
      if (!q2) {
        evals += 2;
        continue;
      }
      evals += q2.evals;
      let best = q2;
      for (let k = 0; k < 2 && !best.settled && best.last / 2 >= MIN_STEP * s; k++) {
        const r2 = ridders(phi, base, best.last / 2, sigma, 0, goal);
        if (!r2) break;
        evals += r2.evals;
        if (r2.settled || r2.estimate < best.estimate) best = r2;
        else break;
      }
      const c = result({ ...best, evals }, method);
      if (c.verdict !== "fail") return c;
      const e = confirmFailure(phi, base, dir.a, best, sigma, s, rtol, atol, goal);
      evals += e.evals;
      return {
        ...head,
        numeric: e.quotient.value,
        estimate: e.estimate,
        absErr: e.absErr,
        relErr: e.relErr,
        tol: e.tol,
        verdict: e.verdict,
        ok: e.verdict !== "fail",
        method,
        step: e.quotient.step,
        evals,
        ...e.note ? { note: e.note } : {}
      };
    }
  }
  const sides = [1, -1].map((side) => {
    for (let h2 = (step ?? RIDDERS_STEP) * s; h2 >= MIN_STEP * s * 1e-3; h2 /= 16) {
      const q2 = ridders(phi, base, h2, sigma, side, goal);
      evals += q2 ? q2.evals : 2;
      if (!q2) continue;
      const r2 = ridders(phi, base, h2 / 32, sigma, side, goal);
      evals += r2 ? r2.evals : 2;
      return r2 ? { ...q2, estimate: Math.max(q2.estimate, r2.estimate, Math.abs(q2.value - r2.value)) } : q2;
    }
    return void 0;
  });
  const [right, left] = sides;
  const extra = { left: left?.value, right: right?.value };
  const where = seen.nonfinite ? `f is not finite within ${fmt2(seen.nonfinite)} of the point (a domain edge)` : `every central stencil crosses a kink (down to a step of ${MIN_STEP}\xB7max(1,|x|))`;
  if (!right && !left) {
    const q2 = { value: NaN, estimate: Infinity, rounding: 0, step: 0, evals, rows: 0, settled: false, last: 0 };
    return result(q2, "one-sided", "no stencil on either side stays finite and off kinks", extra);
  }
  if (!Number.isFinite(dir.a)) return infinite(dir, head, sides, evals, extra);
  const note = `${where}: compared with one-sided differences`;
  if (left && right) {
    const lo = Math.min(left.value, right.value);
    const hi = Math.max(left.value, right.value);
    const nearest = Math.min(Math.max(dir.a, lo), hi);
    const from = nearest === left.value ? left : right;
    const estimate = Math.max(left.estimate, right.estimate);
    const j = judge(dir.a, nearest, estimate, rtol, atol, false);
    const inside = dir.a >= lo && dir.a <= hi;
    const interval = `[${fmtNum(lo)}, ${fmtNum(hi)}]`;
    const verdict = inside || j.verdict === "pass" ? "pass" : j.verdict;
    const says = inside ? `the analytic value lies in the interval of one-sided slopes ${interval} (a subgradient)` : verdict === "pass" ? `the analytic value matches the one-sided slopes ${interval}` : verdict === "fail" ? `the analytic value lies outside the interval of one-sided slopes ${interval}` : `the one-sided slopes ${interval} have error estimates too large to decide; ${HELP}`;
    return {
      ...head,
      numeric: nearest,
      estimate,
      absErr: inside ? 0 : j.absErr,
      relErr: inside ? 0 : j.relErr,
      tol: j.tol,
      verdict,
      ok: verdict !== "fail",
      method: "one-sided",
      step: from.step,
      evals,
      note: `${note}; ${says}`,
      ...extra
    };
  }
  const q = left ?? right;
  const r = result({ ...q, evals }, "one-sided", note, extra);
  return r.verdict === "inconclusive" ? { ...r, note: `${note}; their error estimate is too large to decide; ${HELP}` } : r;
}
function infinite(dir, head, sides, evals, extra) {
  const q = sides.find((x) => x !== void 0);
  const grows = Math.sign(q.value) === Math.sign(dir.a) && q.estimate >= 0.1 * Math.abs(q.value);
  const settled = q.estimate <= INCONCLUSIVE_RTOL * Math.abs(q.value);
  const verdict = Number.isNaN(dir.a) || !grows && settled ? "fail" : grows ? "pass" : "inconclusive";
  return {
    ...head,
    numeric: q.value,
    estimate: q.estimate,
    absErr: Infinity,
    relErr: Infinity,
    tol: Infinity,
    verdict,
    ok: verdict !== "fail",
    method: "one-sided",
    step: q.step,
    evals,
    ...extra,
    note: grows ? "the derivative is infinite here: the one-sided quotients grow without bound, with the same sign" : "the analytic derivative is infinite but the quotients do not grow with it"
  };
}
function kinkHits(g, vals, output = g.output) {
  const hits = [];
  for (const n of g.nodes) {
    if (n.id > output || !n.def?.kink) continue;
    const at = n.def.kink.at(n.inputs.map((i) => vals[i]));
    const zero = typeof at === "number" ? at === 0 : at.data.includes(0);
    if (zero) hits.push({ node: n.id, convention: n.def.kink.convention });
  }
  return hits;
}

// src/graph/engines/forward.ts
function forward(g, b, val, seeds, upto = g.nodes.length - 1, onNode) {
  const tan2 = new Array(upto + 1);
  const reached = onNode ? new Uint8Array(upto + 1) : void 0;
  const nodes = g.nodes;
  for (let i = 0; i <= upto; i++) {
    const n = nodes[i];
    const def = n.def;
    if (!def) {
      tan2[i] = seeds.get(i);
      if (reached && tan2[i] !== void 0) reached[i] = 1;
      continue;
    }
    const ins = n.inputs;
    let any = false;
    let near = false;
    for (const j of ins) {
      if (tan2[j] !== void 0) any = true;
      if (reached?.[j]) near = true;
    }
    if (!any) {
      if (near) {
        reached[i] = 1;
        onNode(i, void 0);
      }
      continue;
    }
    if (!def.jvp) throw new Error(`op ${def.name} has no forward-mode rule`);
    let t = def.jvp(b, { x: ins.map(val), y: val(i), dx: ins.map((j) => tan2[j]), attrs: n.attrs });
    if (t !== void 0 && def.broadcasts && !sameShape(b.shape(t), n.shape)) t = b.broadcastTo(t, n.shape);
    tan2[i] = t;
    if (reached) {
      reached[i] = 1;
      onNode(i, t);
    }
  }
  return tan2;
}

// src/graph/engines/buffers.ts
var BufferPool = class {
  constructor(capBytes, minLength = 256) {
    this.capBytes = capBytes;
    this.minLength = minLength;
  }
  capBytes;
  free = /* @__PURE__ */ new Map();
  inPool = /* @__PURE__ */ new WeakSet();
  held = 0;
  /** Fresh buffers made by `take` (a pool miss) since the process started: bytes and count. */
  freshBytes = 0;
  freshCount = 0;
  /**
   * Buffers shorter than this are made fresh and left to the GC: for a few dozen numbers the
   * bookkeeping costs more than the allocation it saves.
   */
  minLength;
  /** A buffer of n entries, contents unspecified: the taker writes every entry or zeroes it. */
  take(n) {
    const list2 = this.free.get(n);
    const a = list2?.pop();
    if (a) {
      this.inPool.delete(a.buffer);
      this.held -= a.byteLength;
      return a;
    }
    this.freshBytes += n * 8;
    this.freshCount++;
    return new Float64Array(n);
  }
  /** Give back a buffer nothing references any more (its own whole ArrayBuffer). */
  give(a) {
    if (this.inPool.has(a.buffer)) throw new Error("buffer given back to the pool twice");
    if (a.length === 0 || this.held + a.byteLength > this.capBytes) return;
    this.inPool.add(a.buffer);
    this.held += a.byteLength;
    let list2 = this.free.get(a.length);
    if (!list2) this.free.set(a.length, list2 = []);
    list2.push(a);
  }
  /** Bytes waiting in the pool. */
  get bytes() {
    return this.held;
  }
  /** Forget every free buffer (tests; a caller done with big tensors). */
  clear() {
    this.free.clear();
    this.held = 0;
  }
};
var pool = new BufferPool(64 * 1024 * 1024);
var SweepBuffers = class {
  constructor(from = pool) {
    this.from = from;
  }
  from;
  owned = /* @__PURE__ */ new Map();
  /** Buffers taken since the last `endStep`: the step's temporaries unless something holds them. */
  step = [];
  /**
   * A buffer of n entries owned by this sweep, referenced by nothing yet; below the pool's
   * `minLength`, a fresh array the sweep does not own (never written in place nor recycled).
   */
  take(n) {
    if (n < this.from.minLength) return new Float64Array(n);
    const data3 = this.from.take(n);
    const e = { data: data3, refs: 0 };
    this.owned.set(data3.buffer, e);
    this.step.push(e);
    return data3;
  }
  /** The pool's: shorter buffers are not pooled. */
  get minLength() {
    return this.from.minLength;
  }
  entry(v) {
    return typeof v === "object" && this.owned.size > 0 ? this.owned.get(v.data.buffer) : void 0;
  }
  /** One more reference to v's buffer (an adjoint slot, a part waiting to be stored). */
  hold(v) {
    const e = this.entry(v);
    if (e) e.refs++;
  }
  /** One reference fewer, the buffer kept even when none is left (it is about to be stored or used). */
  unhold(v) {
    const e = this.entry(v);
    if (e) e.refs--;
  }
  /** One reference fewer; with none left the buffer goes back to the pool. */
  drop(v) {
    const e = this.entry(v);
    if (e && --e.refs === 0) this.recycle(e);
  }
  /** v's buffer leaves the sweep's hands (reported, returned): never written or recycled again. */
  escape(v) {
    if (typeof v === "object" && this.owned.size > 0) this.owned.delete(v.data.buffer);
  }
  /** True when v is the only reference to a buffer this sweep owns: it may be written in place. */
  exclusive(v) {
    return this.entry(v)?.refs === 1;
  }
  /** True when v's buffer is owned and referenced by nothing the sweep handed out (a temporary). */
  unreferenced(v) {
    return this.entry(v)?.refs === 0;
  }
  /** Between two nodes: what this step took and nothing holds goes back to the pool. */
  endStep() {
    for (const e of this.step) if (e.refs === 0 && this.owned.get(e.data.buffer) === e) this.recycle(e);
    this.step = [];
  }
  recycle(e) {
    this.owned.delete(e.data.buffer);
    this.from.give(e.data);
  }
};

// src/graph/engines/pooled.ts
var PooledBuilder = class extends NumericBuilder {
  buffers;
  constructor(from = pool) {
    super();
    this.buffers = new SweepBuffers(from);
  }
  apply(op, xs, attrs) {
    const def = getOp(op);
    const min2 = this.buffers.minLength;
    const big = op === "broadcast_to" ? sizeOf(attrs.shape) >= min2 : xs.length <= 2 && Math.max(sizeOfValue(xs[0]), sizeOfValue(xs[1])) >= min2;
    if (big && def.eval === ORIGINAL.get(op)) {
      const out2 = this.into(op, xs, attrs);
      if (out2 !== void 0) return out2;
    }
    return def.eval(xs, attrs);
  }
  op(name, a, b) {
    if (typeof a === "number" && (b === void 0 || typeof b === "number")) return super.op(name, a, b);
    return this.apply(name, b === void 0 ? [a] : [a, b]);
  }
  /** The op's value in a buffer of the sweep's, or undefined where `eval` should serve. */
  into(op, xs, attrs) {
    const [a, b] = xs;
    if (xs.length === 2 && hasBinaryKernel(op) && (typeof a !== "number" || typeof b !== "number")) {
      const shape = broadcastShapes(shapeOf2(a), shapeOf2(b));
      return shape ? binaryKernel(op, a, b, this.buffers.take(sizeOf(shape))) : void 0;
    }
    if (op === "broadcast_to") {
      const shape = attrs.shape;
      const to = broadcastShapes(shapeOf2(a), shape);
      return !to || sameShape(shapeOf2(a), shape) ? void 0 : broadcastTo(a, shape, this.buffers.take(sizeOf(to)));
    }
    if (typeof a === "number") return void 0;
    if (xs.length === 1 && hasUnaryKernel(op)) return unaryKernel(op, a, this.buffers.take(a.size));
    if (op === "sum_to") {
      const shape = attrs.shape;
      return sameShape(a.shape, shape) || shape.length === 0 ? void 0 : sumTo(a, shape, this.buffers.take(sizeOf(shape)));
    }
    if (op === "transpose" && a.shape.length === 2) return transposeKernel(a, this.buffers.take(a.size));
    if (op === "matmul" && typeof b !== "number") {
      const shape = getOp("matmul").shape([a.shape, b.shape], void 0);
      return shape.length === 0 ? void 0 : matmulKernel(a, b, shape, this.buffers.take(sizeOf(shape)));
    }
    return void 0;
  }
  /**
   * prev + c as `num.add(prev, c)` computes it (the same shortcuts for zeros and numbers, the
   * same kernel), written into prev or c where the sweep holds the only reference to it.
   */
  accumulate(prev, c) {
    if (typeof prev === "number" && typeof c === "number") return prev + c;
    if (prev === 0) return c;
    if (c === 0) return prev;
    if (Math.max(sizeOfValue(prev), sizeOfValue(c)) < this.buffers.minLength) return this.add(prev, c);
    const shape = broadcastShapes(shapeOf2(prev), shapeOf2(c));
    if (!shape || getOp("add").eval !== ORIGINAL.get("add")) return this.add(prev, c);
    const own = this.buffers;
    const apart = typeof prev === "number" || typeof c === "number" || prev.data.buffer !== c.data.buffer;
    let out2;
    if (apart && typeof prev !== "number" && own.exclusive(prev) && sameShape(prev.shape, shape)) out2 = prev.data;
    else if (apart && typeof c !== "number" && own.unreferenced(c) && sameShape(c.shape, shape)) out2 = c.data;
    if (out2 === void 0) return binaryKernel("add", prev, c, own.take(sizeOf(shape)));
    const t = binaryKernel("add", prev, c, out2);
    return out2 === prev.data ? prev : out2 === c.data ? c : t;
  }
};
var shapeOf2 = (v) => typeof v === "number" ? [] : v.shape;
var sizeOfValue = (v) => typeof v === "object" ? v.data.length : 1;
var ORIGINAL = new Map([...OPS].map(([name, def]) => [name, def.eval]));

// src/graph/engines/reverse.ts
function reverseNumeric(g, val, output, seed, active, keep, onEdge) {
  const kept = new Uint8Array(output + 1);
  for (const id of keep) if (id <= output) kept[id] = 1;
  if (!hasPooledSizes(g)) {
    const adj2 = sweep(g, num, val, output, seed, active, onEdge);
    for (let i = 0; i <= output; i++) if (!kept[i]) adj2[i] = void 0;
    return adj2;
  }
  const b = new PooledBuilder();
  const adj = sweep(g, b, val, output, seed, active, onEdge, b, kept);
  for (let i = 0; i <= output; i++) {
    if (kept[i]) b.buffers.escape(adj[i]);
    else if (adj[i] !== void 0) {
      b.buffers.drop(adj[i]);
      adj[i] = void 0;
    }
  }
  return adj;
}
var sized = /* @__PURE__ */ new WeakMap();
function hasPooledSizes(g) {
  const min2 = pool.minLength;
  const seen = sized.get(g);
  if (seen && seen.nodes === g.nodes.length && seen.min === min2) return seen.any;
  const any = g.nodes.some((n) => sizeOf(n.shape) >= min2);
  sized.set(g, { nodes: g.nodes.length, min: min2, any });
  return any;
}
function sweep(g, b, val, output, seed, active, onEdge, own, kept) {
  const adj = new Array(output + 1);
  adj[output] = seed;
  const reached = onEdge ? new Uint8Array(output + 1) : void 0;
  if (reached) reached[output] = 1;
  const bufs = own?.buffers;
  const nodes = g.nodes;
  for (let i = output; i >= 0; i--) {
    const gi = adj[i];
    if (gi === void 0 && !reached?.[i]) continue;
    const n = nodes[i];
    const def = n.def;
    if (!def) continue;
    const ins = n.inputs;
    const needs = ins.map((j) => active[j] === 1);
    if (!needs.includes(true)) continue;
    if (gi === void 0) {
      for (let k = 0; k < ins.length; k++) {
        if (!needs[k]) continue;
        reached[ins[k]] = 1;
        onEdge({ node: i, input: k, upstream: void 0, contribution: void 0 });
      }
      continue;
    }
    if (!def.vjp) throw new Error(`op ${def.name} has no reverse-mode rule`);
    const parts = def.vjp(b, { x: ins.map(val), y: val(i), g: gi, attrs: n.attrs, needs });
    let cs;
    if (bufs) {
      cs = ins.map((_, k) => summedDown(g, b, i, k, needs[k] ? parts[k] : void 0));
      for (let k = 0; k < ins.length; k++) bufs.hold(cs[k]);
    }
    for (let k = 0; k < ins.length; k++) {
      if (!needs[k]) continue;
      const c = cs ? cs[k] : summedDown(g, b, i, k, parts[k]);
      const j = ins[k];
      if (reached) {
        reached[j] = 1;
        onEdge({ node: i, input: k, upstream: gi, contribution: c });
        bufs?.escape(gi);
        bufs?.escape(c);
      }
      if (c === void 0) continue;
      const prev = adj[j];
      if (!own) {
        adj[j] = prev === void 0 ? c : b.add(prev, c);
        continue;
      }
      bufs.unhold(c);
      const sum2 = prev === void 0 ? c : own.accumulate(prev, c);
      if (sum2 !== prev) {
        bufs.hold(sum2);
        bufs.drop(prev);
      }
      adj[j] = sum2;
    }
    if (bufs) {
      if (!kept[i]) {
        bufs.drop(gi);
        adj[i] = void 0;
      }
      bufs.endStep();
    }
  }
  return adj;
}
function summedDown(g, b, i, k, c) {
  const n = g.nodes[i];
  const to = g.nodes[n.inputs[k]].shape;
  return c !== void 0 && n.def.broadcasts && !sameShape(to, n.shape) ? b.sumTo(c, to) : c;
}

// src/graph/engines/gradient.ts
function varId(g, name) {
  const id = g.vars.get(name);
  if (id === void 0) throw new Error(`no variable ${name}`);
  return id;
}
function gradient(g, env, wrt, output = g.output) {
  const ids = wrt.map((name) => varId(g, name));
  if (isScalarGraph(g)) {
    const at = variableValues(g, env);
    const lin = linearize(g, env, void 0, true);
    const value = lin.vals[output];
    const adj2 = reverseScalar(g, lin, output, lin.vals);
    let values2;
    return {
      value,
      get values() {
        return values2 ??= evaluateScalarAt(g, at);
      },
      gradient: new Map(wrt.map((name, k) => [name, adj2[ids[k]] ?? 0]))
    };
  }
  const values = evaluate(g, env);
  const adj = reverseNumeric(g, (i) => values[i], output, 1, dependents(g, ids), ids);
  const grad = /* @__PURE__ */ new Map();
  wrt.forEach((name, k) => {
    grad.set(name, filled(adj[ids[k]], g.nodes[ids[k]].shape));
  });
  return { value: values[output], values, gradient: grad };
}
function forwardGradient(g, values, wrt, output = g.output) {
  const out2 = /* @__PURE__ */ new Map();
  if (values instanceof Float64Array) {
    const lin = linearize(g, /* @__PURE__ */ new Map(), values);
    for (const name of wrt) out2.set(name, forwardScalar(g, lin, varId(g, name), output));
    return out2;
  }
  const val = (i) => values[i];
  for (const name of wrt) {
    const id = varId(g, name);
    const shape = g.nodes[id].shape;
    const size = sizeOf(shape);
    const comps = new Float64Array(size);
    for (let k = 0; k < size; k++) {
      let seed = 1;
      if (shape.length > 0) {
        const t2 = Tensor.zeros(shape);
        t2.data[k] = 1;
        seed = t2;
      }
      const t = forward(g, num, val, /* @__PURE__ */ new Map([[id, seed]]), output)[output];
      comps[k] = t === void 0 ? 0 : t;
    }
    out2.set(name, shape.length === 0 ? comps[0] : new Tensor(shape, comps));
  }
  return out2;
}

// src/parse/lexer.ts
var EOF = -1;
var NEWLINE = 10;
var NUMBER = 256;
var NAME = 257;
var DOT_STAR = 258;
var DOT_SLASH = 259;
var DOT_CARET = 260;
var RADIX = 261;
var MULTI = 262;
var UNKNOWN = 263;
var DQUOTE = 34;
var PERCENT = 37;
var AMP = 38;
var QUOTE = 39;
var LPAREN = 40;
var RPAREN = 41;
var STAR = 42;
var PLUS = 43;
var COMMA = 44;
var MINUS = 45;
var DOT = 46;
var SLASH = 47;
var COLON = 58;
var SEMI = 59;
var LT = 60;
var EQ = 61;
var GT = 62;
var QUESTION = 63;
var LBRACK = 91;
var RBRACK = 93;
var CARET = 94;
var LBRACE = 123;
var PIPE = 124;
var RBRACE = 125;
var TILDE = 126;
var BANG = 33;
var isDigit2 = (c) => c >= 48 && c <= 57;
var RESERVED_MATH_LOW = /* @__PURE__ */ new Set([
  56405,
  56477,
  56480,
  56481,
  56483,
  56484,
  56487,
  56488,
  56493,
  56506,
  56508,
  56516,
  56582,
  56587,
  56588,
  56597,
  56605,
  56634,
  56639,
  56645,
  56647,
  56648,
  56649,
  56657,
  56998,
  56999,
  57292,
  57293
]);
function alphaLength(src, i, limit) {
  const c = src.charCodeAt(i);
  if (c >= 97 && c <= 122 || c >= 65 && c <= 90 || c === 95 || c === 36) return 1;
  if (c < 192) return 0;
  if (c <= 687 || c >= 880 && c <= 1023 || c >= 8448 && c <= 8527) return 1;
  if (c === 55349 && i + 1 < limit) {
    const lo = src.charCodeAt(i + 1);
    if (lo >= 56320 && lo <= 57343 && !RESERVED_MATH_LOW.has(lo)) return 2;
  }
  return 0;
}
function scanName(src, i, limit) {
  let n = alphaLength(src, i, limit);
  if (n === 0) return i;
  i += n;
  while (i < limit) {
    const c = src.charCodeAt(i);
    if (isDigit2(c)) i++;
    else if ((n = alphaLength(src, i, limit)) > 0) i += n;
    else break;
  }
  return i;
}
var POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);
function isDecimalMark(src, i, limit) {
  if (i >= limit || src.charCodeAt(i) !== DOT) return false;
  const n = i + 1 < limit ? src.charCodeAt(i + 1) : 0;
  return n !== STAR && n !== SLASH && n !== CARET;
}
var Lexer = class {
  constructor(src, pos, limit) {
    this.src = src;
    this.limit = limit;
    this.pos = pos;
    this.prevEnd = pos;
  }
  src;
  limit;
  kind = EOF;
  start = 0;
  end = 0;
  /** Value of a NUMBER token. */
  value = 0;
  /** End of the token before the current one (where "unexpected end" points). */
  prevEnd = 0;
  pos;
  text() {
    return this.src.slice(this.start, this.end);
  }
  /**
   * Advance to the next token. Newlines separate statements in mathjs only outside brackets
   * and where an operand is complete, so the parser says when they are plain whitespace.
   */
  next(skipNewlines) {
    const src = this.src;
    const limit = this.limit;
    let pos = this.pos;
    this.prevEnd = this.end;
    let c = 0;
    for (; pos < limit; pos++) {
      c = src.charCodeAt(pos);
      if (c === 32 || c === 9 || c === 160 || c === 13) continue;
      if (c === 10 && skipNewlines) continue;
      if (c === 35) {
        while (pos + 1 < limit && src.charCodeAt(pos + 1) !== 10) pos++;
        continue;
      }
      break;
    }
    this.start = pos;
    if (pos >= limit) {
      this.kind = EOF;
      this.start = this.end = this.pos = limit;
      return;
    }
    const c1 = pos + 1 < limit ? src.charCodeAt(pos + 1) : 0;
    let kind = c;
    let len = 1;
    switch (c) {
      case DOT:
        if (c1 === STAR) kind = DOT_STAR, len = 2;
        else if (c1 === SLASH) kind = DOT_SLASH, len = 2;
        else if (c1 === CARET) kind = DOT_CARET, len = 2;
        else if (isDigit2(c1)) return this.number(pos);
        break;
      case EQ:
      case BANG:
        if (c1 === EQ) kind = MULTI, len = 2;
        break;
      case LT:
        if (c1 === LT || c1 === EQ) kind = MULTI, len = 2;
        break;
      case GT:
        if (c1 === GT) {
          kind = MULTI;
          len = pos + 2 < limit && src.charCodeAt(pos + 2) === GT ? 3 : 2;
        } else if (c1 === EQ) kind = MULTI, len = 2;
        break;
      case CARET:
        if (c1 === PIPE) kind = MULTI, len = 2;
        break;
      case QUESTION: {
        const c2 = pos + 2 < limit ? src.charCodeAt(pos + 2) : 0;
        if (c1 === QUESTION || c1 === DOT && !isDigit2(c2)) kind = MULTI, len = 2;
        break;
      }
      case NEWLINE:
      case DQUOTE:
      case PERCENT:
      case AMP:
      case QUOTE:
      case LPAREN:
      case RPAREN:
      case STAR:
      case PLUS:
      case COMMA:
      case MINUS:
      case SLASH:
      case COLON:
      case SEMI:
      case LBRACK:
      case RBRACK:
      case LBRACE:
      case PIPE:
      case RBRACE:
      case TILDE:
        break;
      default:
        if (isDigit2(c)) return this.number(pos);
        {
          const e = scanName(src, pos, limit);
          if (e > pos) {
            this.kind = NAME;
            this.end = this.pos = e;
            return;
          }
        }
        kind = UNKNOWN;
        len = c >= 55296 && c <= 56319 && pos + 1 < limit ? 2 : 1;
    }
    this.kind = kind;
    this.end = this.pos = pos + len;
  }
  /** A number at `pos` (a digit, or `.` then a digit), following mathjs's getToken exactly. */
  number(pos) {
    const src = this.src;
    const limit = this.limit;
    const start = pos;
    if (src.charCodeAt(pos) === 48 && pos + 1 < limit) {
      const r = src.charCodeAt(pos + 1);
      if (r === 98 || r === 111 || r === 120) return this.radix(pos);
    }
    let simple = true;
    let v = 0;
    while (pos < limit) {
      const d = src.charCodeAt(pos) - 48;
      if (d < 0 || d > 9) break;
      v = v * 10 + d;
      pos++;
    }
    let fraction = 0;
    if (isDecimalMark(src, pos, limit)) {
      pos++;
      while (pos < limit) {
        const d = src.charCodeAt(pos) - 48;
        if (d < 0 || d > 9) break;
        v = v * 10 + d;
        fraction++;
        pos++;
      }
    }
    const e = pos < limit ? src.charCodeAt(pos) : 0;
    if (e === 101 || e === 69) {
      const n = pos + 1 < limit ? src.charCodeAt(pos + 1) : 0;
      if (isDigit2(n) || n === PLUS || n === MINUS) {
        simple = false;
        pos += isDigit2(n) ? 1 : 2;
        if (pos >= limit || !isDigit2(src.charCodeAt(pos))) this.badExponent(start, pos);
        while (pos < limit && isDigit2(src.charCodeAt(pos))) pos++;
        if (isDecimalMark(src, pos, limit)) this.badExponent(start, pos);
      } else if (isDecimalMark(src, pos + 1, limit)) {
        this.badExponent(start, pos + 1);
      }
    }
    this.kind = NUMBER;
    this.start = start;
    this.end = this.pos = pos;
    this.value = simple && pos - start - (fraction > 0 ? 1 : 0) < 16 ? fraction > 0 ? v / POW10[fraction] : v : Number(src.slice(start, pos));
  }
  radix(pos) {
    const start = pos;
    pos += 2;
    for (; ; ) {
      if (pos >= this.limit) break;
      const c = this.src.charCodeAt(pos);
      if (isDigit2(c) || c === DOT) pos++;
      else {
        const n = alphaLength(this.src, pos, this.limit);
        if (n === 0) break;
        pos += n;
      }
    }
    this.kind = RADIX;
    this.start = start;
    this.end = this.pos = pos;
  }
  badExponent(start, at) {
    const end = Math.min(at + 1, this.limit);
    throw new CgError("syntax", `invalid number ${this.src.slice(start, end)}: digit expected in the exponent`, {
      span: { start, end },
      source: this.src
    });
  }
};

// src/parse/tape.ts
var NUM = 1;
var NAME2 = 2;
var CALL = 3;
var BINARY2 = 4;
var UNARY2 = 5;
var TRANSPOSE = 6;
var PAREN = 7;
var ARRAY = 8;
var BINARY_OPS = ["+", "-", "*", "/", "^", ".*", "./", ".^"];
var BINARY_CODE = { "+": 0, "-": 1, "*": 2, "/": 3, "^": 4, ".*": 5, "./": 6, ".^": 7 };
var Tape = class {
  n = 0;
  kind;
  start;
  end;
  /** NUM: index into nums; NAME, CALL: index into names; BINARY: operator code; UNARY: 0 for -, 1 for +. */
  a;
  /** BINARY: where the operator starts; CALL, ARRAY: how many items. */
  b;
  nums;
  nNums = 0;
  names = [];
  nameIds = /* @__PURE__ */ new Map();
  constructor(capacity = 16) {
    const c = Math.max(16, capacity);
    this.kind = new Uint8Array(c);
    this.start = new Int32Array(c);
    this.end = new Int32Array(c);
    this.a = new Int32Array(c);
    this.b = new Int32Array(c);
    this.nums = new Float64Array(Math.max(16, c >> 2));
  }
  /** Append an entry; returns its index. */
  push(kind, start, end, a, b) {
    const i = this.n;
    if (i === this.kind.length) this.grow();
    this.kind[i] = kind;
    this.start[i] = start;
    this.end[i] = end;
    this.a[i] = a;
    this.b[i] = b;
    this.n = i + 1;
    return i;
  }
  num(value, start, end) {
    if (this.nNums === this.nums.length) {
      const nums = new Float64Array(this.nums.length * 2);
      nums.set(this.nums);
      release(this.nums);
      this.nums = nums;
    }
    this.nums[this.nNums] = value;
    return this.push(NUM, start, end, this.nNums++, 0);
  }
  /** The index of a name in `names` (added on first use). */
  nameId(name) {
    let k = this.nameIds.get(name);
    if (k === void 0) {
      k = this.names.length;
      this.names.push(name);
      this.nameIds.set(name, k);
    }
    return k;
  }
  span(i) {
    return { start: this.start[i], end: this.end[i] };
  }
  /** How many children entry i has (they are the subtrees right before it). */
  arity(i) {
    switch (this.kind[i]) {
      case BINARY2:
        return 2;
      case UNARY2:
      case TRANSPOSE:
      case PAREN:
        return 1;
      case CALL:
      case ARRAY:
        return this.b[i];
      default:
        return 0;
    }
  }
  /** Give the arrays' memory back now (lowering is done with the tape); the tape reads as empty afterwards. */
  release() {
    release(this.kind, this.start, this.end, this.a, this.b, this.nums);
    this.n = 0;
  }
  grow() {
    const c = Math.ceil(this.kind.length * 1.5);
    const kind = new Uint8Array(c);
    kind.set(this.kind);
    release(this.kind);
    this.kind = kind;
    for (const f of ["start", "end", "a", "b"]) {
      const x = new Int32Array(c);
      x.set(this[f]);
      release(this[f]);
      this[f] = x;
    }
  }
};

// src/parse/parser-state.ts
var ParserState = class {
  lex;
  tape;
  src;
  /** Operands so far: their tape entries. */
  vals = [];
  ops = [];
  /** Open brackets; newlines are whitespace inside them (as in mathjs). */
  depth = 0;
  constructor(src, start, end) {
    this.src = src;
    this.lex = new Lexer(src, start, end);
    this.tape = new Tape(Math.ceil((end - start) / 3) + 16);
  }
  badTarget(lhs) {
    const eq = this.lex.end;
    const t = this.tape;
    let allNames = t.kind[lhs] === CALL;
    for (let k = 1; allNames && k <= t.b[lhs]; k++) allNames = t.kind[lhs - k] === NAME2;
    if (allNames) {
      return this.error("unsupported", "function definitions are not supported", { start: t.start[lhs], end: eq });
    }
    return this.error("unsupported", "can only assign to a name", t.span(lhs), "write name = expression");
  }
  /** A token that cannot start an operand. */
  badOperand() {
    const lex = this.lex;
    const span = this.tokenSpan();
    const top = this.ops[this.ops.length - 1];
    switch (lex.kind) {
      case EOF:
        return this.error("syntax", "unexpected end of expression", { start: lex.prevEnd, end: lex.prevEnd });
      case DQUOTE:
      case QUOTE:
        return this.error("unsupported", "strings are not supported", this.stringSpan());
      case LBRACE:
        return this.error("unsupported", "objects are not supported", span);
      case COLON:
        return this.error("unsupported", "ranges (a:b) are not supported", span);
      case TILDE:
        return this.error("unsupported", "bitwise operators (~) are not supported", span);
      case RADIX:
        return this.radixError();
      case UNKNOWN:
        return this.unknownChar();
      case STAR:
        if (top?.t === "bin" && top.op === "*" && top.opEnd === lex.start) {
          return this.error("syntax", "unexpected operator **", { start: top.opStart, end: lex.end }, "use ^ for powers");
        }
        break;
      case RPAREN:
        if (top?.t === "paren") return this.error("syntax", "empty parentheses", { start: top.open, end: lex.end });
        if (top?.t === "call") return this.error("syntax", "missing argument after ,", span);
        break;
    }
    return this.error("syntax", `unexpected ${lex.kind === NEWLINE ? "newline" : lex.text()}`, span);
  }
  /** A token that cannot follow a complete operand. */
  badOperator() {
    const lex = this.lex;
    const span = this.tokenSpan();
    const text = lex.text();
    switch (lex.kind) {
      case NAME:
        switch (text) {
          case "mod":
            return this.error("unsupported", "the mod operator is not supported", span);
          case "to":
          case "in":
            return this.error("unsupported", `unit conversion (${text}) is not supported`, span);
          case "and":
          case "or":
          case "xor":
          case "not":
            return this.error("unsupported", `logical operators (${text}) are not supported`, span);
        }
        return this.implicitMultiplication();
      case NUMBER:
      case LPAREN:
        return this.implicitMultiplication();
      case LBRACK:
        return this.error("unsupported", "indexing is not supported", span);
      case DOT: {
        const end = scanName(this.src, lex.end, this.lex.limit);
        if (end > lex.end) return this.error("unsupported", "property access (a.b) is not supported", { start: lex.start, end });
        break;
      }
      case QUESTION:
        return this.error("unsupported", "conditional expressions (?:) are not supported", span);
      case COLON:
        return this.error("unsupported", "ranges (a:b) are not supported", span);
      case BANG:
        return this.error("unsupported", "factorial (!) is not supported", span);
      case PERCENT:
        return this.error("unsupported", "the % operator (modulus, percentage) is not supported", span);
      case AMP:
      case PIPE:
      case TILDE:
        return this.error("unsupported", `bitwise operators (${text}) are not supported`, span);
      case LT:
      case GT:
        return this.error("unsupported", `comparison operators (${text}) are not supported`, span);
      case MULTI:
        if (text === "??") return this.error("unsupported", "the ?? operator is not supported", span);
        if (text === "?.") return this.error("unsupported", "property access (?.) is not supported", span);
        if (text === "<<" || text === ">>" || text === ">>>" || text === "^|") {
          return this.error("unsupported", `bitwise operators (${text}) are not supported`, span);
        }
        return this.error("unsupported", `comparison operators (${text}) are not supported`, span);
      case DQUOTE:
        return this.error("unsupported", "strings are not supported", this.stringSpan());
      case LBRACE:
        return this.error("unsupported", "objects are not supported", span);
      case RBRACE:
        break;
      case RADIX:
        return this.radixError();
      case UNKNOWN:
        return this.unknownChar();
    }
    return this.error("syntax", `unexpected ${text}`, span);
  }
  /** An operand directly followed by another (`2x`, `2 pi`, `(a)(b)`): mathjs multiplies, cg refuses. */
  implicitMultiplication() {
    const lex = this.lex;
    const left = this.tape.span(this.vals[this.vals.length - 1]);
    const l = this.src.slice(left.start, left.end);
    let r = lex.text();
    let open = lex.end;
    while (open < lex.limit && this.src.charCodeAt(open) === 32) open++;
    if (lex.kind === LPAREN || lex.kind === NAME && this.src.charCodeAt(open) === LPAREN) {
      const from = lex.kind === LPAREN ? lex.start : open;
      const close = this.matchingParen(from);
      r = close < 0 ? void 0 : this.src.slice(lex.start, close + 1);
    }
    const short = (s) => s !== void 0 && s.length <= 24 && !s.includes("\n");
    let hint = short(l) && short(r) ? `write ${l}*${r}` : "write * between the factors";
    if (this.innermostBracket()?.t === "array" && short(l) && short(r)) hint += `, or ${l}, ${r} for two elements`;
    return this.error("syntax", "implicit multiplication is not supported", { start: left.start, end: lex.end }, hint);
  }
  /** Index of the `)` matching the `(` at `open`, looking a short way ahead only (for hints). */
  matchingParen(open) {
    let depth = 0;
    const stop = Math.min(this.lex.limit, open + 25);
    for (let i = open; i < stop; i++) {
      const c = this.src.charCodeAt(i);
      if (c === LPAREN) depth++;
      else if (c === RPAREN && --depth === 0) return i;
    }
    return -1;
  }
  innermostBracket() {
    for (let i = this.ops.length - 1; i >= 0; i--) {
      const op = this.ops[i];
      if (op.prec === -1) return op;
    }
    return void 0;
  }
  /** A closer or `;` that does not match the innermost open bracket. */
  mismatched(top) {
    const text = this.lex.text();
    if (top === void 0) return this.error("syntax", `unmatched ${text}`, this.tokenSpan());
    const expected = top.t === "array" ? "]" : ")";
    return this.error("syntax", `unexpected ${text}, expected ${expected}`, this.tokenSpan());
  }
  /** End of input inside brackets: point at the innermost unclosed one. */
  unclosed() {
    const b = this.innermostBracket();
    const ch = b.t === "array" ? "[" : "(";
    return this.error("syntax", `unclosed ${ch}`, { start: b.open, end: b.open + 1 });
  }
  radixError() {
    const kind = { b: "binary", o: "octal", x: "hexadecimal" }[this.src[this.lex.start + 1]];
    return this.error("unsupported", `${kind} literals are not supported`, this.tokenSpan());
  }
  unknownChar() {
    return this.error("syntax", `unexpected character ${this.lex.text()}`, this.tokenSpan());
  }
  /** The span of a string literal starting at the current quote (to its closing quote if any). */
  stringSpan() {
    const { src, lex } = this;
    const quote = src.charCodeAt(lex.start);
    for (let i = lex.start + 1; i < lex.limit; i++) {
      const c = src.charCodeAt(i);
      if (c === 92) i++;
      else if (c === quote) return { start: lex.start, end: i + 1 };
    }
    return this.tokenSpan();
  }
  tokenSpan() {
    return { start: this.lex.start, end: this.lex.end };
  }
  error(code, message, span, hint) {
    return new CgError(code, message, { span, source: this.src, hint });
  }
};

// src/parse/parser.ts
var PREC_ADD = 1;
var PREC_MUL = 2;
var PREC_UNARY = 3;
var PREC_POW = 4;
function parseProgramTape(source) {
  const p = new Parser(source, 0, source.length);
  const statements = [];
  p.lex.next(true);
  for (; ; ) {
    const k = p.lex.kind;
    if (k === EOF) break;
    if (k === SEMI || k === NEWLINE || k === COMMA) p.lex.next(true);
    else statements.push(p.statement(true));
  }
  if (statements.length === 0) throw new CgError("empty", "empty expression", { source });
  return { source, tape: p.tape, statements };
}
var BINARY3 = [];
BINARY3[PLUS] = { op: "+", prec: PREC_ADD };
BINARY3[MINUS] = { op: "-", prec: PREC_ADD };
BINARY3[STAR] = { op: "*", prec: PREC_MUL };
BINARY3[SLASH] = { op: "/", prec: PREC_MUL };
BINARY3[DOT_STAR] = { op: ".*", prec: PREC_MUL };
BINARY3[DOT_SLASH] = { op: "./", prec: PREC_MUL };
BINARY3[CARET] = { op: "^", prec: PREC_POW };
BINARY3[DOT_CARET] = { op: ".^", prec: PREC_POW };
var Parser = class extends ParserState {
  /**
   * Parse from the current token to the end of a statement, leaving the separator current.
   * In expression mode (`program` false) there must be nothing after the expression.
   */
  statement(program) {
    const lex = this.lex;
    const vals = this.vals;
    const ops = this.ops;
    const tape = this.tape;
    const from = tape.n;
    let name;
    let nameSpan;
    operand: for (; ; ) {
      switch (lex.kind) {
        case NUMBER:
          vals.push(tape.num(lex.value, lex.start, lex.end));
          lex.next(this.depth > 0);
          break;
        case NAME: {
          const start = lex.start;
          const end = lex.end;
          const id = lex.text();
          const constant2 = this.keywordOperand(id, start, end);
          lex.next(this.depth > 0);
          if (constant2 !== void 0) {
            vals.push(tape.num(constant2, start, end));
          } else if (lex.kind === LPAREN) {
            ops.push({ t: "call", prec: -1, open: lex.start, fn: id, fnStart: start, base: vals.length });
            this.depth++;
            lex.next(true);
            continue operand;
          } else {
            vals.push(tape.push(NAME2, start, end, tape.nameId(id), 0));
          }
          break;
        }
        case MINUS:
        case PLUS:
          ops.push({
            t: "unary",
            prec: PREC_UNARY,
            op: lex.kind === MINUS ? "-" : "+",
            opStart: lex.start
          });
          lex.next(true);
          continue operand;
        case LPAREN:
          ops.push({ t: "paren", prec: -1, open: lex.start });
          this.depth++;
          lex.next(true);
          continue operand;
        case LBRACK:
          ops.push({ t: "array", prec: -1, open: lex.start, base: vals.length, rowBase: vals.length, rows: false, afterComma: false });
          this.depth++;
          lex.next(true);
          continue operand;
        default: {
          const top = ops[ops.length - 1];
          if (lex.kind === RPAREN && top?.t === "call" && vals.length === top.base) {
            this.closeCall(top);
            break;
          }
          if (lex.kind === RBRACK && top?.t === "array") {
            this.closeArray(top);
            break;
          }
          if (lex.kind === SEMI && top?.t === "array" && top.afterComma) {
            this.endRow(top);
            continue operand;
          }
          throw this.badOperand();
        }
      }
      for (; ; ) {
        const k = lex.kind;
        const bin = k >= 0 ? BINARY3[k] : void 0;
        if (bin !== void 0) {
          this.reduce(bin.prec === PREC_POW ? PREC_POW + 1 : bin.prec);
          ops.push({ t: "bin", prec: bin.prec, op: bin.op, opStart: lex.start, opEnd: lex.end });
          lex.next(true);
          continue operand;
        }
        switch (k) {
          case QUOTE: {
            const arg = vals.pop();
            vals.push(tape.push(TRANSPOSE, tape.start[arg], lex.end, 0, 0));
            lex.next(this.depth > 0);
            continue;
          }
          case RPAREN: {
            this.reduce(0);
            const top = ops[ops.length - 1];
            if (top?.t === "paren") {
              ops.pop();
              vals.pop();
              vals.push(tape.push(PAREN, top.open, lex.end, 0, 0));
              this.depth--;
              lex.next(this.depth > 0);
            } else if (top?.t === "call") {
              this.closeCall(top);
            } else {
              throw this.mismatched(top);
            }
            continue;
          }
          case RBRACK: {
            this.reduce(0);
            const top = ops[ops.length - 1];
            if (top?.t !== "array") throw this.mismatched(top);
            this.closeArray(top);
            continue;
          }
          case COMMA: {
            this.reduce(0);
            const top = ops[ops.length - 1];
            if (top === void 0) break;
            if (top.t === "paren") {
              throw this.error("syntax", "unexpected , inside parentheses", this.tokenSpan(), "write [a, b] for a vector");
            }
            if (top.t === "array") top.afterComma = true;
            lex.next(true);
            continue operand;
          }
          case SEMI: {
            this.reduce(0);
            const top = ops[ops.length - 1];
            if (top === void 0) break;
            if (top.t !== "array") throw this.mismatched(top);
            this.endRow(top);
            continue operand;
          }
          case NEWLINE:
            break;
          case EOF:
            if (this.depth > 0) throw this.unclosed();
            break;
          case EQ: {
            if (this.depth > 0 || !program) {
              const msg = this.depth > 0 ? "assignment inside an expression is not supported" : "assignment is not allowed here";
              throw this.error("unsupported", msg, this.tokenSpan());
            }
            if (name !== void 0) throw this.error("unsupported", "chained assignment is not supported", this.tokenSpan());
            this.reduce(0);
            const lhs = vals.pop();
            if (tape.kind[lhs] !== NAME2) throw this.badTarget(lhs);
            name = tape.names[tape.a[lhs]];
            nameSpan = tape.span(lhs);
            tape.n = lhs;
            lex.next(true);
            continue operand;
          }
          default:
            throw this.badOperator();
        }
        this.reduce(0);
        const root2 = vals.pop();
        if (!program && k !== EOF) this.expectEnd();
        const span = tape.span(root2);
        if (name === void 0) return { from, root: root2, span };
        return { name, nameSpan, from, root: root2, span: { start: nameSpan.start, end: span.end } };
      }
    }
  }
  /** Pop operators binding at least as tightly as `minPrec` into nodes. */
  reduce(minPrec) {
    const ops = this.ops;
    const vals = this.vals;
    const tape = this.tape;
    for (; ; ) {
      const top = ops[ops.length - 1];
      if (top === void 0 || top.prec < minPrec) return;
      ops.pop();
      if (top.t === "bin") {
        const right = vals.pop();
        const left = vals.pop();
        vals.push(tape.push(BINARY2, tape.start[left], tape.end[right], BINARY_CODE[top.op], top.opStart));
      } else if (top.t === "unary") {
        const arg = vals.pop();
        vals.push(tape.push(UNARY2, top.opStart, tape.end[arg], top.op === "-" ? 0 : 1, 0));
      }
    }
  }
  /** At the `)` of a call whose arguments are all reduced. */
  closeCall(top) {
    this.ops.pop();
    const count2 = this.vals.length - top.base;
    this.vals.length = top.base;
    this.vals.push(this.tape.push(CALL, top.fnStart, this.lex.end, this.tape.nameId(top.fn), count2));
    this.depth--;
    this.lex.next(this.depth > 0);
  }
  /** `;` inside brackets: the items since the last row become a row (mathjs's `[1,2;3,4]`). */
  endRow(top) {
    this.row(top.rowBase);
    top.rows = true;
    top.afterComma = false;
    top.rowBase = this.vals.length;
    this.lex.next(true);
  }
  /** The operands from `base` on become one array entry (a row), spanning its items. */
  row(base) {
    const { vals, tape } = this;
    const count2 = vals.length - base;
    const span = { start: tape.start[vals[base]], end: tape.end[vals[vals.length - 1]] };
    vals.length = base;
    vals.push(tape.push(ARRAY, span.start, span.end, 0, count2));
  }
  closeArray(top) {
    const tape = this.tape;
    if (top.rows) {
      if (this.vals.length > top.rowBase) this.row(top.rowBase);
      const rows = this.vals.slice(top.base);
      const cols = tape.b[rows[0]];
      for (const row of rows) {
        if (tape.b[row] !== cols) {
          throw this.error("shape", `matrix rows have different lengths (${tape.b[row]} and ${cols})`, tape.span(row));
        }
      }
    }
    this.ops.pop();
    const count2 = this.vals.length - top.base;
    this.vals.length = top.base;
    this.vals.push(tape.push(ARRAY, top.open, this.lex.end, 0, count2));
    this.depth--;
    this.lex.next(this.depth > 0);
  }
  /** Expression mode: after the expression only blank lines and comments may follow. */
  expectEnd() {
    const lex = this.lex;
    if (lex.kind === NEWLINE) lex.next(true);
    if (lex.kind !== EOF) throw this.error("syntax", "expected a single expression", this.tokenSpan());
  }
  /** Names mathjs treats specially at operand position; returns a value for NaN / Infinity. */
  keywordOperand(id, start, end) {
    switch (id) {
      case "NaN":
        return NaN;
      case "Infinity":
        return Infinity;
      case "not":
        throw this.error("unsupported", "logical operators (not) are not supported", { start, end });
      case "true":
      case "false":
        throw this.error("unsupported", `boolean values are not supported (${id})`, { start, end });
      case "null":
      case "undefined":
        throw this.error("unsupported", `${id} is not supported`, { start, end });
    }
    return void 0;
  }
};

// src/graph/engines/symbolic.ts
var GraphBuilder = class extends Builder {
  constructor(g, fold = false) {
    super();
    this.g = g;
    this.fold = fold;
  }
  g;
  fold;
  /** Source location given to the nodes created next (while lowering a call). */
  span;
  lift(v) {
    return this.g.nodes[this.g.constant(v)];
  }
  apply(op, xs, attrs) {
    if (this.fold && xs.every((x) => x.op === "const")) {
      return this.g.nodes[this.g.constant(getOp(op).eval(xs.map((x) => x.value), attrs))];
    }
    return this.g.nodes[this.g.add(op, xs.map((x) => x.id), attrs, this.span)];
  }
  shape(x) {
    return x.shape;
  }
};

// src/util/suggest.ts
function suggest(word, candidates, frequent = []) {
  const rank = (c) => {
    const k = frequent.indexOf(c);
    return k < 0 ? frequent.length : k;
  };
  let best;
  let bestD = 3;
  let bestRank = Infinity;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD || d === bestD && rank(c) < bestRank) {
      bestD = d;
      best = c;
      bestRank = rank(c);
    }
  }
  return best;
}
function distance(a, b) {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

// src/parse/lower.ts
var MAX_SOURCE = 8e6;
var MAX_RANK = 32;
var MAX_TERMS = 4e6;
function maxSource() {
  const v = Number(process.env.CG_MAX_INPUT);
  return Number.isInteger(v) && v > 0 ? v : MAX_SOURCE;
}
function checkSourceSize(source) {
  const max2 = maxSource();
  if (source.length <= max2) return;
  throw new CgError("limit", `the input is ${source.length.toLocaleString("en")} characters; the limit is ${max2.toLocaleString("en")}`, {
    hint: "split the program, or raise the limit with CG_MAX_INPUT=N (characters)"
  });
}
var CONSTANTS = Object.assign(/* @__PURE__ */ Object.create(null), {
  e: Math.E,
  E: Math.E,
  pi: Math.PI,
  PI: Math.PI,
  tau: 2 * Math.PI,
  phi: (1 + Math.sqrt(5)) / 2
});
var OP_NAMES2 = { "+": "add", "-": "sub", "*": "mul", "/": "div", "^": "pow", ".*": "mul", "./": "div", ".^": "pow" };
var BINARY_OP_CODES = BINARY_OPS.map((o) => opCode(OP_NAMES2[o]));
var NEG = opCode("neg");
var TRANSPOSE_OP = opCode("transpose");
var MATMUL = opCode("matmul");
var COMMON_FUNCTIONS = ["exp", "log", "sin", "cos", "sqrt", "tanh", "sigmoid", "relu", "max", "sum", "abs", "min", "mean", "tan", "pow", "norm", "dot", "softmax", "sign"];
var DEFAULT_OUTPUT = "f";
function namesIn(t, from, to, out2, seen, mark) {
  const { kind, a } = t;
  for (let i = from; i <= to; i++) {
    if (kind[i] !== NAME2 || seen[a[i]] === mark) continue;
    seen[a[i]] = mark;
    out2.set(t.names[a[i]], t.span(i));
  }
}
function order(program, assigned, deps) {
  const state2 = /* @__PURE__ */ new Map();
  const out2 = [];
  for (const root2 of program.statements) {
    if (state2.has(root2)) continue;
    const path = [{ s: root2, next: deps.get(root2).entries() }];
    state2.set(root2, "open");
    while (path.length) {
      const top = path[path.length - 1];
      const step = top.next.next();
      if (step.done) {
        state2.set(top.s, "done");
        out2.push(top.s);
        path.pop();
        continue;
      }
      const [name, span] = step.value;
      const dep = assigned.get(name);
      if (!dep) continue;
      if (state2.get(dep) === "open") {
        const from = path.findIndex((p) => p.s === dep);
        const chain = [...path.slice(from).map((p) => p.s.name), name].join(" \u2192 ");
        throw new CgError("cycle", `cycle in definitions: ${chain}`, { span, source: program.source });
      }
      if (!state2.has(dep)) {
        state2.set(dep, "open");
        path.push({ s: dep, next: deps.get(dep).entries() });
      }
    }
  }
  return out2;
}
function lower(program, opts) {
  const { source, statements, tape } = program;
  if (statements.length === 0) throw new CgError("empty", "empty expression", { source, span: { start: 0, end: Math.max(1, source.length) } });
  const terms = statements[statements.length - 1].root + 1;
  if (terms > MAX_TERMS) {
    throw new CgError("limit", `the program has ${terms.toLocaleString("en")} terms; the limit is ${MAX_TERMS.toLocaleString("en")}`, {
      hint: "split the program into smaller ones"
    });
  }
  const assigned = /* @__PURE__ */ new Map();
  for (const s of statements) {
    if (s.name === void 0) continue;
    if (assigned.has(s.name)) throw new CgError("reassign", `${s.name} is assigned twice`, { span: s.nameSpan, source, hint: "each name is defined once" });
    if (opts.bound.has(s.name)) throw new CgError("reassign", `${s.name} is assigned here and also given a value with --at`, { span: s.nameSpan, source });
    assigned.set(s.name, s);
  }
  const unbound = /* @__PURE__ */ new Map();
  const deps = /* @__PURE__ */ new Map();
  const seen = new Int32Array(tape.names.length);
  for (const [k, s] of statements.entries()) {
    const names = /* @__PURE__ */ new Map();
    namesIn(tape, s.from, s.root, names, seen, k + 1);
    deps.set(s, names);
    for (const [n, span] of names) if (!assigned.has(n) && !opts.bound.has(n) && !(n in CONSTANTS) && !unbound.has(n)) unbound.set(n, span);
  }
  if (unbound.size) {
    const sorted = [...unbound].sort(([, a], [, b2]) => a.start - b2.start);
    const list2 = sorted.map(([n]) => n);
    const first = sorted[0][1];
    const shown = list2.slice(0, 8);
    const more = list2.length > shown.length ? ` and ${(list2.length - shown.length).toLocaleString("en")} more` : "";
    throw new CgError("unbound", `${list2.length === 1 ? "name" : "names"} without a value: ${shown.join(", ")}${more}`, {
      span: first,
      source,
      hint: `give ${list2.length === 1 ? "it a value" : "them values"} with --at ${shown.map((n) => `${n}=...`).join(",")}${more ? ",..." : ""}`
    });
  }
  const g = new Graph();
  const b = new GraphBuilder(g);
  const ids = /* @__PURE__ */ new Map();
  const lowerer = new Lowerer(tape, g, b, ids, opts.bound, source);
  for (const s of order(program, assigned, deps)) {
    const id = lowerer.run(s.from, s.root);
    if (s.name !== void 0) {
      ids.set(s.name, id);
      g.names.set(s.name, id);
    }
  }
  const last = statements[statements.length - 1];
  g.output = last.name !== void 0 ? ids.get(last.name) : lowerer.run(last.from, last.root);
  return { graph: g, outputName: last.name ?? DEFAULT_OUTPUT };
}
function idsAt(stack2, from, n) {
  if (n === 1) return [stack2[from]];
  if (n === 2) return [stack2[from], stack2[from + 1]];
  const ins = new Array(n);
  for (let k = 0; k < n; k++) ins[k] = stack2[from + k];
  return ins;
}
var Lowerer = class {
  constructor(t, g, b, ids, bound, source) {
    this.t = t;
    this.g = g;
    this.b = b;
    this.ids = ids;
    this.bound = bound;
    this.source = source;
    this.resolved = new Int32Array(t.names.length).fill(-1);
    this.plain = new Int32Array(t.names.length).fill(-1);
  }
  t;
  g;
  b;
  ids;
  bound;
  source;
  stack = new Int32Array(256);
  /** Per name on the tape: its node, once resolved (-1 before). Assigned names resolve when their statement is done. */
  resolved;
  /** Per name on the tape: the op code of a plain one-argument function by that name, 0 for other names (-1: not looked up yet). */
  plain;
  add(op, inputs, i) {
    try {
      return this.g.add(op, inputs, void 0, this.t.span(i));
    } catch (err) {
      if (err instanceof CgError) throw err.withSource(this.source);
      throw err;
    }
  }
  /** add() of op(a) or op(a, b) (b = -1 for one input), without an inputs array or span object. */
  addAt(code, a, b, i) {
    try {
      return this.g.addAt(code, a, b, this.t.start[i], this.t.end[i]);
    } catch (err) {
      if (err instanceof CgError) throw err.withSource(this.source);
      throw err;
    }
  }
  name(i) {
    const k = this.t.a[i];
    const known = this.resolved[k];
    if (known >= 0) return known;
    const name = this.t.names[k];
    const assigned = this.ids.get(name);
    if (assigned !== void 0) return this.resolved[k] = assigned;
    if (this.bound.has(name)) return this.resolved[k] = this.g.variable(name, this.bound.get(name), this.t.span(i));
    return this.resolved[k] = this.g.constant(CONSTANTS[name], name, this.t.span(i));
  }
  run(from, root2) {
    const { t, g } = this;
    const { kind, a } = t;
    if (this.stack.length < root2 - from + 1) this.stack = new Int32Array(root2 - from + 1);
    const stack2 = this.stack;
    let top = 0;
    for (let i = from; i <= root2; i++) {
      let id;
      switch (kind[i]) {
        case NUM: {
          id = g.number(t.nums[a[i]], t.start[i], t.end[i]);
          break;
        }
        case NAME2:
          id = this.name(i);
          break;
        case PAREN:
          continue;
        case UNARY2:
          if (a[i] === 1) continue;
          id = this.addAt(NEG, stack2[top - 1], -1, i);
          top--;
          break;
        case BINARY2:
          id = this.binary(i, stack2[top - 2], stack2[top - 1]);
          top -= 2;
          break;
        case TRANSPOSE: {
          const x = stack2[top - 1];
          top--;
          id = g.rank(x) === 0 ? x : this.addAt(TRANSPOSE_OP, x, -1, i);
          break;
        }
        case CALL: {
          const n = t.b[i];
          id = this.call(i, stack2, top - n, n);
          top -= n;
          break;
        }
        default: {
          const n = t.b[i];
          const ins = idsAt(stack2, top - n, n);
          top -= n;
          if (n && g.rank(ins[0]) >= MAX_RANK) {
            throw new CgError("limit", `arrays nested more than ${MAX_RANK} deep (a tensor has at most ${MAX_RANK} dimensions)`, { span: t.span(i), source: this.source });
          }
          try {
            id = this.add("stack", ins, i);
          } catch (err) {
            if (!(err instanceof CgError) || err.code !== "shape") throw err;
            throw new CgError("shape", err.message.replace(/^shape mismatch in stack: /, ""), { span: t.span(i), source: this.source });
          }
        }
      }
      stack2[top++] = id;
    }
    return stack2[0];
  }
  binary(i, x, y) {
    const { t, g, source } = this;
    const op = BINARY_OPS[t.a[i]];
    const ra = g.rank(x);
    const rb = g.rank(y);
    if (ra === 0 && rb === 0) return this.addAt(BINARY_OP_CODES[t.a[i]], x, y, i);
    const opSpan = { start: t.b[i], end: t.b[i] + op.length };
    try {
      if (op === "*" && ra > 0 && rb > 0) return this.addAt(MATMUL, x, y, i);
      if (op === "/" && rb > 0) {
        throw new CgError("unsupported", "division by a matrix is not supported", { span: opSpan, source, hint: "use ./ for elementwise division" });
      }
      if (op === "^" && ra > 0) {
        throw new CgError("unsupported", "matrix power is not supported", { span: opSpan, source, hint: "use .^ for elementwise powers" });
      }
      return this.addAt(BINARY_OP_CODES[t.a[i]], x, y, i);
    } catch (err) {
      if (!(err instanceof CgError) || err.code !== "shape") throw err;
      const detail = err.message.replace(/^shape mismatch in \w+: /, "");
      const text = source.slice(t.start[i], t.end[i]);
      throw new CgError("shape", `shape mismatch in ${text.length > 40 ? op : text}: ${detail}`, { span: opSpan, source });
    }
  }
  /** The call at entry i, on the `n` ids at `stack[from..]`. */
  call(i, stack2, from, n) {
    const { t, g, b, source } = this;
    const k = t.a[i];
    const fn = t.names[k];
    let code = this.plain[k];
    if (code < 0) {
      const d = OPS.get(fn);
      code = this.plain[k] = d && !d.internal && !d.call && d.arity === 1 ? opCode(fn) : 0;
    }
    if (n === 1 && code > 0) return this.addAt(code, stack2[from], -1, i);
    const def = OPS.get(fn);
    const ins = idsAt(stack2, from, n);
    const span = t.span(i);
    if (!def || def.internal) {
      const names = [...OPS.values()].filter((d) => !d.internal).map((d) => d.name);
      const close = suggest(fn, names, COMMON_FUNCTIONS);
      throw new CgError("unknown-function", `unknown function ${fn}`, {
        span: { start: span.start, end: span.start + fn.length },
        source,
        hint: close ? `did you mean ${close}?` : `known functions: ${names.sort().join(", ")}`
      });
    }
    const [lo, hi] = typeof def.arity === "number" ? [def.arity, def.arity] : def.arity;
    if (ins.length < lo || ins.length > hi) {
      const want = lo === hi ? `${lo}` : hi === Infinity ? `at least ${lo}` : `${lo} or ${hi}`;
      throw new CgError("arity", `${fn} takes ${want} argument${want === "1" ? "" : "s"}, got ${ins.length}`, { span, source });
    }
    try {
      if (!def.call) return g.add(fn, ins, void 0, span);
      b.span = span;
      return def.call(b, ins.map((k2) => g.nodes[k2])).id;
    } catch (err) {
      if (err instanceof CgError) throw new CgError(err.code, err.message, { span, source, hint: err.hint });
      throw err;
    } finally {
      b.span = void 0;
    }
  }
};

// src/parse/index.ts
function buildGraph(source, values = /* @__PURE__ */ new Map()) {
  checkSourceSize(source);
  const bound = /* @__PURE__ */ new Map();
  for (const [name, v] of values) bound.set(name, shapeOf(v));
  const program = parseProgramTape(source);
  const lowered = lower(program, { bound });
  program.tape.release();
  lowered.graph.source = source;
  return lowered;
}
export {
  COMPLEX_RTOL,
  DEFAULT_ATOL,
  DEFAULT_RTOL,
  OPS,
  VARS,
  anyExpr,
  buildGraph,
  checkGradient,
  evaluateScalar,
  fast_check_default as fc,
  forwardGradient,
  gradient,
  judge,
  mulberry32,
  wildExpr,
  withComponent
};

"""Serialize a polib catalog byte for byte as GNU ``msgcat`` 0.21 writes it.

polib's ``str(po)`` wraps strings and comments its own way, so each save rewraps what Poedit
or msgcat wrote and the diff drowns the real change.  ``render`` follows gettext's
``write-po.c``: what we write is a fixed point of ``msgcat FILE``, and a file msgcat wrote
comes back unchanged through polib (bar what polib cannot read: ``#~|``, ``\\a``, bare ``#.``).

    >>> po = polib.POFile()
    >>> po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    >>> po.append(polib.POEntry(msgid="Hello", msgstr="Bonjour", flags=["ignore-numbers"]))
    >>> print(render(po), end="")
    msgid ""
    msgstr "Content-Type: text/plain; charset=UTF-8\\n"
    <BLANKLINE>
    #, ignore-numbers
    msgid "Hello"
    msgstr "Bonjour"

Deliberate differences from msgcat (every other byte is the same): flags msgcat 0.21 does
not write (our ``ignore-<check>`` flags, ``*-check``, newer ``*-format`` names) are kept
after GNU's flags, in their original order, where msgcat silently drops them; and a
catalog holding only a header is written, where msgcat wants ``--force-po``.  Like msgcat
we drop ``fuzzy`` on untranslated entries, ``wrap``, ``impossible-*-format``, repeated
references and obsolete entries without msgstr, and put obsolete entries last.  Strings
wrap at 79 columns by GNU's Unicode line breaking (libunistring 1.0, Unicode 14: CJK is two
columns wide and breaks between ideographs).  Catalogs are taken to be UTF-8.
"""

from __future__ import annotations

import base64
import bisect
import itertools
import re
import sys
import zlib
from collections.abc import Iterable, Sequence
from functools import lru_cache

import polib

__all__ = ["PAGE_WIDTH", "render", "wrap_string"]

PAGE_WIDTH = 79

# Line-break class and column width of every code point as libunistring 1.0 (linked by
# msgcat 0.21) sees them, taken from gnulib's lbrkprop2.h and uc_width(): AI, SA and XX
# resolved to AL, CB to ID1, CR and LF to BK, controls counted 0 wide, as the breaker does.
# Runs of (class * 3 + width): all run values, then all 3-byte start deltas; zlib, base85.
_RUNS = (
    "c-rk5OKfCEvEO%Q+VkwO$MHJZvAsL?gk7B2JIO3#ZQK(;Fb}V?o81LV;b*V1t2YZM(jp-u<pNhE5J(USI3RK0$PICd5G"
    "Odog<LrC5nTA>h(HjktGoJD&l@KjxQ_d|r(bt<byanJ`c)T=d&MiAT{Rr2-QJoS?zQ%=_4iaq^@eMzC)=vHSH!)+Q0=O"
    "Qf}ac;J*aglA}DH4!M{{PRmcLGMW;~5P!82#Prr0j(I50-02+r1Ayi+LEtm`=L;J1^jvW>gRZI#sfoh^VB!KFM?lYC1J"
    "%EC9?U2P<@UDp&=yO2AQcNrndKHTo0VfUx5eocHGKKTX^=Fb)5~Gn#fT2S`d8qmln}>)ji!&K_Vl5VUH=^scd+mvqqj^"
    ";l{xg}W*v?}p2+^Usaq~8U>e6fLIa+ekiV}<L>QN*?bpT&SZ(ZMThKy@=JALG*@D?br)1Wj(lOPRkX5z%i!H(j))U%|)"
    "j;r8LrerKXSA42~pBiWz6tyMq7cr=w>Z-k7yKC4GS_6O;c!mR43cJ}uwWYM6RIV<ss*%daIn-l#9joyP{M)w?78r%D5&"
    "Yx0fzwmQCpioP=;?_C)n!+8#)!Qvb_D5heLjfSt=trlsnicjVi$gU5*FAcXxTw_Yi2-~jvG?>$drZEd^^9qO2sv|p<O)"
    "4AHe8%w4Ki=qhe+^7K>arKpv(;Qvk&Foyto^o2T`8pt6opb8U&*8sG<&;6|w)N}@_yeK3lnHG!+tL@Os*wnXju&`0KFU"
    "gl+XQ8(3Xu+rn=Sn<;C=}@!3y1#LG^}?uNPQtm09Li{W!w!LwA6x}H7o!c`FvDQ`Fb==?zuLak?v8a)RIVQ62dWr5Zy?"
    "derF$n&A-C|yI0f<=(uHF52ZypS-T?yx1d@sIBsi>b>S;PSN*h_qP{V@lL{YKpV93$v=nbK*i^<T<77n2a<OD=v)GUb6"
    "+MYX<0iGCIGuy360P-@5Z5k+(_9TJGJ0(p8J3Y8#2eL7sXkCVkXlF(L^bw1eAqm=?E4Cx`K)dQu8QIh}l$?%ThF^B9@|"
    "`%RrO>{6XkU65Rv{!F*^)!0Oc;gec=S?!-IXzxQyoz;fSl@bGPeCM>-seJ%g6%i+DsZ@{Dnw;ivKyPnTA!nU1euse}1I"
    "@;ZZ=(5xnV!EkI(q1}r-E7S-c<Sx)ii^a!{;!oX@JA@pBEh(L%~h!t$Sr$-7A3K3!ZJnP@^!BVWBU_CG;VXvXzNC_qoV"
    "ZCfy3NHxpA~u>r)P%@{Sk$jUjIVDKs+by2R~B;1)sgHNpA6TH@Cor*VASpk@fh+OFqZETK#g%468;z)5+^zWHgUyIBl0"
    "C2y@*>7v$f0;Yt-3b{RvV6?E%81$in-DSSQIq{Q+P25yHfb@fvNMA#a(64%n2K0316Fw&NjdB(ub88XRHBa7M(=s;@!|"
    "vnD39G-Q>L;kGhmFb5S~t#VYO24~9X*mH~*M{UI9u!z8oX>}DtUxuzfrsWpcS~Z3+^rzQ+We8_YZ&7<l)29}V&e*sHTL"
    "OB<M4{u9i_}e21Ye_7Y6#<y9}_?W=}c+4_xbAQwleXxG^FL^ySW{J>|3iZ)gvK;-Jzb8*yk%k`wr2QGVyXvXp*`{C}iU"
    "t9Hg5iNn9@raaV|s3GtE$KFehI1N2~D@x9+o1lS?44in3HtT(a#Ak)%10W2_HW{O3kD+nw05;2ec1?=qN>zA3ayGB5su"
    "ueF?inU^xuT@;1TaK%ZS<$?LL)*fQGs54ms6oQml+247jcxe)v*{bPQy~C;iV+j}3U&p_t20NGFba3D^A^p@h`}jsG4("
    "I>9tHnqMiKbtQ{958y@;8CCuDJaiPSfcrXSiO)|NzVKz0$JW3REE*rzJM0CbT&UP2)i>VF~FZ?V1Z@9!cGxwU@ga{=1k"
    "U>n!+RndVxPV6+%lLx39P`8=b%^oe2a6;zXrsN#4RYKC+sr{O{BQ@XrLo(8BKWcClN@v;BqdZ#(zs|NJVMFgYH~98@Kb"
    "TdY=l$0UgnR?pdA8J$;Co1FRi7U+;_o7cMG`faaOiJ(Fe?yGofZ;isv$E3ZpGm{a@VE3`y?vWoA}yfIv-Y);Vc*Wt^kt"
    "UPQqeJ_y}9@_!--s`bWobmZ|;^sA9rn4vo+_!TJ*@nHEjIq@{iSq4s8X@T3~QiUJ>^%iYtcf{ZQELJ547d7ca8Hbc8yA"
    "S({)oPRJ5C|Ey7{l?y(A*bO&Pl^soGJ!}8ng-w;#l$9lbhrb|KEd-dXG*oC)y-jJ-xq#JZm{lex<TH-o@Xo0Ct>?_*|!"
    "B}M1S%1Fs$fR%D$xL^}L?f^Lk#->v=t|=k@<tH}SX_>lDPrSRc5`G__<Op2->MVkv^ZQU4os_G?u#NbVfo@=-nF6P}${"
    "IqP$vKI;qXn`eLaPMtg#9xaDIlSql#^^iVqQ_5PnI;vz~R%}mThW?2|zsLG@l$c51UBUWSdWq=A*#0Hfzw>h@F@C?e%s"
    ">mJ@eN8sn&b3`wJ?J}B1|3k@r%U5caeRQl6s9XcolOaAqqh<`MZqY)0HGSPsNxIQb}JNJAQgcvhTa6DwipS_lWXcF_U)"
    "e1M>vP3+(11IOCi5^Te9F6mYq(sWfs}Ntj2KG;)oyXFq4DLY~@+eRyc!W+{|_v1UHF0P;6Xs&VC8$>3k2p*w6{&T>XfL"
    "1W}AZOTjrU_Q<+CIV6?cOUUr#x?Z(2#3bAlE&4?Oa%B>eLaaQkR2xfOTKWbo8Dk%wa1duQE6Yn*O~W7%TIFqsk_GVKWo"
    "0LadLi*^tPHSbE3QA-^+x)I|36sBBuU?EMT@aeyC?<e;{4mnUzNSJ0bi@x#;riwz2aqmVUW~?I($nYowEs+#0wJld}FP"
    "As<pY_Xf*CggTLR?jM?RP0O2jq1F)HKeKBN;xX7J+h4Z+1O(prVQDfepRqX;h&ACR^MNU4HfkshnEM^wpL|UxJ#;V{V&"
    "^mDB^Fr*!-bM1k=!DBmRZ`_C0-KjLEQ`PW2YjmMhwZX5#SZ9lTw(`3*}x!FB0SC;^sb@r}2kNeulY6nP-@2E<QF{He-e"
    "E@}9t<4BcIf<khU$wOGE7S?DI&+L+0Fk>%<i^K)*|EdP)oo@Hhc#z#G0iKGjNu+5TGZc5EhcTX8?QpsUnXExHpDH$cV9"
    "ppN@R0`-uIA*!@edKhVJiv8E{FBs<DK*_<t|?*nj}g1nh*)GdGKa>Okc?xxj&upqC2Aj#fu}YxXm6uJytiul8QMC#Vw2"
    "4E)mQ{q6&JD0u2;I0ja;PdbHp1p-XKO2Vo(x!h5!ThmhFuGqw&05*0Q{Izl+ycZ~Yf2d1p%"
)
_CLASSES = ("WJ GL B2 BA BB HY CL CP1 CP2 EX IN NS OP1 OP2 QU IS NU PO PR SY AL H2 H3 ID1 ID2 "
            "JL JV JT HL RI ZWJ EB EM BK CM ZW SP").split()
_AL, _HY, _BA, _HL, _RI, _ZWJ, _BK, _CM, _ZW, _SP = map(
    _CLASSES.index, "AL HY BA HL RI ZWJ BK CM ZW SP".split())
_HL_BA = -1  # a Hebrew letter then a hyphen (rule LB21a)

# gnulib's UAX #14 pair table; row: class before, column: class after (the order of
# _CLASSES).  D: break, I: break only after spaces, P: no break.
_PAIRS = (
    "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII", "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII",  # WJ GL
    "PIPIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD", "PDDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # B2 BA
    "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII", "PDDIDIPPPPIIDDIPIDDPDDDDDDDDDDDDD",  # BB HY
    "PIDIDIPPPPIPDDIPDIIPDDDDDDDDDDDDD", "PIDIDIPPPPIIDDIPIIIPIDDDDDDDIDIDD",  # CL CP1
    "PIDIDIPPPPIIDDIPDIIPDDDDDDDDDDDDD", "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # CP2 EX
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD", "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # IN NS
    "PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP", "PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP",  # OP1 OP2
    "PIIIIIPPPPIIPPIPIIIPIIIIIIIIIIIII", "PIDIDIPPPPIIDDIPIDDPDDDDDDDDDDDDD",  # QU IS
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD", "PIDIDIPPPPIIIIIPIDDPIDDDDDDDIDIDD",  # NU PO
    "PIDIDIPPPPIIIIIPIDDPIIIIIIIIIDIII", "PIDIDIPPPPIIDDIPIDDPDDDDDDDDIDDDD",  # PR SY
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD", "PIDIDIPPPPIIDDIPDIDPDDDDDDIIDDDDD",  # AL H2
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDIDDDDD", "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDD",  # H3 ID1
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDI", "PIDIDIPPPPIIDDIPDIDPDIIDDIIDDDDDD",  # ID2 JL
    "PIDIDIPPPPIIDDIPDIDPDDDDDDIIDDDDD", "PIDIDIPPPPIIDDIPDIDPDDDDDDDIDDDDD",  # JV JT
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD", "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",  # HL RI
    "PIDIDIPPPPIIIDIPIIIPIDDIIDDDIDIII", "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDI",  # ZWJ EB
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDD",  # EM
)


def _load_runs() -> tuple[list[int], bytes]:
    """Decode ``_RUNS`` into sorted run starts and their values."""
    data = zlib.decompress(base64.b85decode("".join(_RUNS)))
    count = len(data) // 4
    deltas = (int.from_bytes(data[i:i + 3], "big") for i in range(count, len(data), 3))
    return list(itertools.accumulate(deltas)), data[:count]


_STARTS, _VALUES = _load_runs()


@lru_cache(maxsize=4096)
def _char_info(char: str) -> tuple[int, int]:
    """(line-break class, column width) of one character."""
    return divmod(_VALUES[bisect.bisect_right(_STARTS, ord(char)) - 1], 3)


_NO, _MAY, _MUST = 0, 1, 2  # may a line break before this character?


def _opportunities(classes: Sequence[int]) -> list[int]:
    """Break opportunities before each character, as libunistring's UAX #14 finds them."""
    result: list[int] = []
    prev = last = _BK  # class of the previous character, of the last non-space one
    spaces, regional = False, 0  # regional: regional indicators in a row (flags go in pairs)
    for cls in classes:
        if cls == _BK:
            brk, prev, last, spaces = _MUST, _BK, _BK, False
        else:
            if cls == _SP:
                brk, spaces = _NO, True
            elif cls == _ZW:
                brk, last, spaces = _NO, _ZW, False
            elif cls in (_CM, _ZWJ):
                if last in (_BK, _ZW) or spaces:
                    brk, last, spaces = (_NO if last == _BK else _MAY), _AL, False
                else:
                    brk = _NO  # a mark sticks to its base and takes its class
            else:
                if last == _BK or prev in (_ZWJ, _HL_BA):
                    brk = _NO
                elif last == _ZW or (last == _RI and cls == _RI):
                    brk = _MAY if last == _ZW or spaces or regional % 2 == 0 else _NO
                else:
                    rule = _PAIRS[last][cls]
                    brk = _MAY if rule == "D" or (rule == "I" and spaces) else _NO
                last, spaces = cls, False
            prev = _HL_BA if prev == _HL and cls in (_HY, _BA) else cls
        result.append(brk)
        regional = regional + 1 if cls == _RI else 0
    return result


def _fit(text: str, locked: Sequence[bool], width: int, column: int) -> list[int]:
    """Greedy filling as libunistring does it: indexes of ``text`` that start a line."""
    infos = [_char_info(char) for char in text]
    if column + sum(w for _cls, w in infos) <= width:
        return []  # it fits: no line ever overflows, whatever the opportunities
    starts: list[int] = []
    last_chance = None
    piece = 0
    for i, brk in enumerate(_opportunities([cls for cls, _ in infos])):
        brk = _NO if locked[i] else brk
        if brk != _NO and last_chance is not None and column + piece > width:
            starts.append(last_chance)
            column = 0
        if brk == _MUST:
            last_chance, column, piece = None, 0, 0
            continue
        if brk == _MAY:
            last_chance, column, piece = i, column + piece, 0
        piece += infos[i][1]
    if last_chance is not None and column + piece > width:
        starts.append(last_chance)
    return starts


_ESCAPES = dict(zip("\a\b\f\n\r\t\v\\\"", "abfnrtv\\\"", strict=True))  # C escapes GNU writes


@lru_cache(maxsize=65536)  # each msgid is written again in every language's catalog
def wrap_string(keyword: str, text: str, *, line_prefix: str = "", width: int = PAGE_WIDTH,
                wrap: bool = True, no_break: frozenset[int] = frozenset()) -> tuple[str, ...]:
    """The lines of ``keyword "text"`` as GNU writes them: each ``\\n`` ends a line, a string
    that does not fit starts with ``""``, escapes are never split; ``line_prefix`` starts every
    line, ``wrap=False`` is the ``no-wrap`` flag, ``no_break`` indexes GNU does not break before."""
    room = (width if wrap else sys.maxsize) - 1 - (len(line_prefix) + 1)
    lines: list[str] = []
    first = True
    start = 0
    while True:
        end = text.find("\n", start) + 1 or len(text)
        out: list[str] = []
        locked: list[bool] = []
        for i in range(start, end):
            escape = _ESCAPES.get(text[i])
            out.append("\\" + escape if escape else text[i])
            locked += [i in no_break, True] if escape else [i in no_break]
        if text[start:end].endswith("\n"):
            locked[-2] = True  # keep a final \n on the line it ends
        portion = "".join(out)
        column = len(keyword) + 1 if first else 0
        breaks = _fit(portion, locked, room, column)
        if first and portion and (end < len(text) or column > room or breaks):
            lines.append(f'{line_prefix}{keyword} ""')
            first = False
            breaks = _fit(portion, locked, room, 0)
        bounds = [0, *breaks, len(portion)]
        for a, b in itertools.pairwise(bounds):
            lines.append(f'{line_prefix}{keyword + " " if first else ""}"{portion[a:b]}"')
            first = False
        start = end
        if start >= len(text):
            return tuple(lines)


_FORMATS = ("c objc python python-brace java java-printf csharp javascript scheme lisp elisp "
            "librep ruby sh awk lua object-pascal smalltalk qt qt-plural kde kde-kuit boost tcl "
            "perl perl-brace php gcc-internal gfc-internal ycp").split()  # msgcat's order
_C_DIRECTIVE = (r"%(?:(\d+)\$)?[-+ #0'{I}]*(?:(\*)(?:(\d+)\$)?|\d+)?"  # number$ flags width
                r"(?:\.(?:(\*)(?:(\d+)\$)?|\d*))?"  # .precision
                r"(?:<PRI[diouxX](?:MAX|PTR|(?:LEAST|FAST)?(?:8|16|32|64))>"  # <inttypes.h>
                r"|[hlLqjzZt]*([diouxXeEfFgGaAcCsSpnm%{at}]))")
_DIRECTIVES = {  # the I flag is for translations only, %@ for Objective-C only
    (lang, msgstr): re.compile(_C_DIRECTIVE.format(I="I" * msgstr, at="@" * (lang == "objc")))
    for lang in ("c", "objc") for msgstr in (False, True)}
_PYTHON_DIRECTIVE = re.compile(
    r"%(?:\(((?:[^()]|\([^()]*\))*)\))?[-+ #0]*(\*|\d+)?(?:\.(\*|\d*))?[hlL]?([%csridouxXeEfgG])")


def _directive_insides(text: str, language: str | None, msgstr: bool) -> set[int]:
    """Indexes inside c, objc or python format directives, where GNU never breaks.

    Like gettext's parsers, the scan ends at the first invalid directive or at a mix of
    numbered and unnumbered (named and unnamed) arguments.  Other languages: not scanned.
    """
    python = language == "python"
    pattern = _PYTHON_DIRECTIVE if python else _DIRECTIVES.get((language or "", msgstr))
    insides: set[int] = set()
    counts = {"numbered": 0, "plain": 0}
    pos = text.find("%") if pattern else -1
    while pos >= 0 and pattern and (match := pattern.match(text, pos)):
        if python:
            name, wid, prec, conv = match.groups()
            kinds = ["plain"] * ((wid == "*") + (prec == "*"))
            kinds += ["numbered"] if name is not None else ["plain"] * (conv != "%")
        else:
            number, wid, wid_number, prec, prec_number, conv = match.groups()
            if any(n is not None and int(n) == 0 for n in (number, wid_number, prec_number)):
                break
            kinds = ["numbered" if n else "plain" for s, n in ((wid, wid_number),
                                                               (prec, prec_number)) if s]
            kinds += ["numbered" if number else "plain"] * (conv not in ("%", "m"))
        for kind in kinds:
            counts[kind] += 1
        if counts["numbered"] and counts["plain"]:
            break
        insides.update(range(pos + 1, match.end()))
        pos = text.find("%", match.end())
    return insides


class _Flags:
    """An entry's flags read the way GNU reads them, plus those GNU would drop."""

    def __init__(self, flags: Iterable[str]) -> None:
        self.fuzzy, self.wrap = False, True
        self.formats: dict[int, str] = {}  # index in _FORMATS -> "yes", "no", "possible"...
        self.range: tuple[int, int] | None = None
        self.unknown: list[str] = []
        tokens = [t for t in re.split(r"[\n \t\r\f\v,]+", ",".join(flags)) if t][::-1]
        while tokens:
            token = tokens.pop()
            fmt = re.fullmatch(r"(no-|possible-|impossible-)?(.+)-format", token)
            if token == "fuzzy":
                self.fuzzy = True
            elif token in ("wrap", "no-wrap"):
                self.wrap = token == "wrap"
            elif fmt and fmt[2] in _FORMATS:
                self.formats[_FORMATS.index(fmt[2])] = (fmt[1] or "yes-")[:-1]
            elif token == "range:" and tokens:  # GNU writes "range: 0..5" with a space
                value = tokens.pop()
                bounds = re.fullmatch(r"(\d+)\.\.(\d+)", value)
                if bounds and int(bounds[1]) <= int(bounds[2]):
                    self.range = (int(bounds[1]), int(bounds[2]))
                else:
                    self.unknown.append(f"range: {value}")
            else:
                self.unknown.append(token)

    def language(self) -> str | None:
        """The format language whose directives GNU keeps whole when wrapping."""
        marked = [i for i, kind in sorted(self.formats.items()) if kind in ("yes", "possible")]
        return _FORMATS[marked[0]] if marked else None

    def line(self, *, fuzzy: bool, obsolete: bool) -> list[str]:
        """The ``#,`` line: GNU's flags in GNU's order, then the others."""
        names = ["fuzzy"] if fuzzy and self.fuzzy else []
        names += [f"no-{_FORMATS[i]}-format" if kind == "no" else f"{_FORMATS[i]}-format"
                  for i, kind in sorted(self.formats.items()) if kind != "impossible"]
        names += [f"range: {self.range[0]}..{self.range[1]}"] if self.range and not obsolete else []
        names += [] if self.wrap else ["no-wrap"]
        names += dict.fromkeys(self.unknown)
        return ["#, " + ", ".join(names)] if names else []


def _comment_lines(marker: str, text: str | None) -> list[str]:
    """One comment line per line of text; GNU adds no space to an empty one."""
    return [f"{marker} {line}" if line else marker for line in text.split("\n")] if text else []


def _reference_lines(occurrences: Iterable[tuple[str, str]], width: int) -> list[str]:
    """``#:`` lines filled up to the page width, measured in bytes as GNU does."""
    refs: dict[str, None] = {}
    for path, line in occurrences:
        while path.startswith("./"):
            path = path[2:]
        line = "" if line is None else str(line)
        line = str(int(line)) if re.fullmatch("[0-9]+", line) else line
        refs[f"{path}:{line}" if line else path] = None
    lines = ["#:"] if refs else []
    column = 2
    for ref in refs:
        size = len(ref.encode()) + 1
        if column > 2 and column + size > width:
            lines.append("#:")
            column = 2
        lines[-1] += " " + ref
        column += size
    return lines


def _entry_lines(entry: polib.POEntry, width: int) -> list[str]:
    """The lines of one entry; none for an obsolete one without translation."""
    obsolete = bool(entry.obsolete)
    plural = bool(entry.msgid_plural or entry.msgstr_plural)
    forms = [("msgstr", entry.msgstr)]
    if plural:
        numbered = sorted((int(k), v) for k, v in entry.msgstr_plural.items())
        forms = [(f"msgstr[{k}]", v) for k, v in numbered or [(0, ""), (1, "")]]
    translated = bool(forms[0][1])
    if obsolete and not translated:
        return []
    flags = _Flags(entry.flags)
    lines = (_comment_lines("#", entry.tcomment) + _comment_lines("#.", entry.comment)
             + _reference_lines(entry.occurrences, width)
             + flags.line(fuzzy=translated, obsolete=obsolete))

    def field(keyword: str, text: str, prefix: str) -> tuple[str, ...]:
        inside = _directive_insides(text, flags.language(), keyword.startswith("msgstr"))
        return wrap_string(keyword, text, line_prefix=prefix, width=width, wrap=flags.wrap,
                           no_break=frozenset(inside))

    for keyword in ("msgctxt", "msgid", "msgid_plural"):
        previous = getattr(entry, f"previous_{keyword}", None)
        if previous is not None:
            lines += field(keyword, previous, "#~| " if obsolete else "#| ")
    prefix = "#~ " if obsolete else ""
    if entry.msgctxt is not None:
        lines += field("msgctxt", entry.msgctxt, prefix)
    lines += field("msgid", entry.msgid, prefix)
    if plural:
        lines += field("msgid_plural", entry.msgid_plural, prefix)
    for keyword, text in forms:
        lines += field(keyword, text, prefix)
    return lines


def render(po: polib.POFile, *, width: int = PAGE_WIDTH) -> str:
    """The catalog as msgcat writes it; an empty one is "", as with msgcat.

    polib keeps the header entry apart (``header``, ``metadata``, and ``metadata_is_fuzzy``,
    the header's flags once parsed); it is written whenever the catalog holds anything.
    """
    blocks: list[list[str]] = []
    fuzzy = po.metadata_is_fuzzy
    if po.metadata or po.header or fuzzy or len(po):
        msgstr = "".join(f"{key}: {value}\n" for key, value in po.metadata.items())
        flags = list(fuzzy) if isinstance(fuzzy, list) else ["fuzzy"] * bool(fuzzy)
        header = polib.POEntry(msgid="", msgstr=msgstr, flags=flags, tcomment=po.header)
        blocks.append(_entry_lines(header, width))
    entries = [e for e in po if not e.obsolete] + [e for e in po if e.obsolete]
    blocks += filter(None, (_entry_lines(entry, width) for entry in entries))
    return "\n".join("".join(line + "\n" for line in block) for block in blocks)

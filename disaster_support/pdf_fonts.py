"""Compact embedding of CID-keyed CFF fonts (Noto Sans CJK) in WeasyPrint PDFs.

WeasyPrint 70 subsets every font keeping the original glyph ids (HarfBuzz RETAIN_GIDS, then a second pass
that cuts the glyphs after the last one used), because the ids Pango shaped with are written straight into
the page content. For a CJK font with 65,535 glyphs that leaves an empty slot for every glyph below the
highest one used: 80-120 KB per regional face, so a sheet in Japanese, Chinese and Korean weighed 305 KB.

A CID-keyed CFF font does not need the ids kept. Its charset maps each CID to a glyph, hb-subset keeps the
CIDs when it renumbers the glyphs, and in Noto Sans CJK every CID equals its original glyph id. Embedded as
the bare CFF program (FontFile3 /CIDFontType0C, as the PDF reference prescribes for CIDFontType0), the ids in
the content stream are read as CIDs and every viewer finds the glyph through the charset. One subset pass
without empty slots is also faster than WeasyPrint's two.

`install()`, called by the app factory, patches four places in WeasyPrint 70 (checked by tests/test_pdf_fonts.py,
which compares the rendered pages with and without it): Font.subset, Font.type, the font stream subtype written
by build_fonts_dictionary, and get_hb_object_data (one copy of each big font file per process). Before patching
it checks that each of them still has the signature the patch was written for; on any difference it leaves
WeasyPrint as it is (larger PDFs, same pages) and `flask doctor` says why. Other fonts (TrueType Thai, Myanmar,
Latin...) keep WeasyPrint's own path.
"""
import functools
import inspect
import io
import logging
import threading
from collections import OrderedDict

import weasyprint
import weasyprint.pdf
from fontTools.cffLib import CFFFontSet
from weasyprint.pdf import fonts as wp_fonts
from weasyprint.text.ffi import ffi, harfbuzz, harfbuzz_subset

LOGGER = logging.getLogger(__name__)
SUPPORTED_MAJOR = "70"
CFF_TAG = harfbuzz.hb_tag_from_string(b"CFF ", -1)
DROPPED_TABLES = {harfbuzz.hb_tag_from_string(tag, -1) for tag in (
    b"BASE", b"GDEF", b"GSUB", b"GPOS", b"JSTF", b"MATH", b"VORG", b"vhea", b"vmtx", b"DSIG", b"SVG ", b"COLR",
    b"cmap")}

_installed = False
_not_installed_because = ""
_install_lock = threading.Lock()

# What the patch relies on: each patched function's parameter names (Font.type: a property).
EXPECTED_PARAMETERS = {
    "Font.subset": ("self", "to_unicode", "hinting"),
    "build_fonts_dictionary": ("pdf", "fonts", "compress", "subset", "options"),
    "get_hb_object_data": ("hb_object", "ot_color", "glyph"),
}
_cid_keyed = {}  # font hash (stable per font description) -> whether its CFF table is CID-keyed

FONT_FILE_MIN = 1 << 20  # font files at least this big are copied into Python once, not at every render
FONT_FILES_KEPT = 16
_font_files = OrderedDict()  # (address, length) of a HarfBuzz blob -> (the blob, referenced; its bytes)
_font_files_lock = threading.Lock()


def _cached_face_data(original):
    """WeasyPrint copies the whole font file (20 MB for the CJK collection) out of HarfBuzz for every font of
    every document. Keep one copy per file: the cache holds a reference to the blob, so while an entry lives
    its address cannot be reused by other data and the same (address, length) is always the same bytes."""

    @functools.wraps(original)
    def get_hb_object_data(hb_object, ot_color=None, glyph=None):
        if ot_color is not None or glyph is not None:
            return original(hb_object, ot_color, glyph)
        blob = harfbuzz.hb_face_reference_blob(hb_object)
        length = ffi.new("unsigned int *")
        data = harfbuzz.hb_blob_get_data(blob, length)
        if data == ffi.NULL or length[0] < FONT_FILE_MIN:
            harfbuzz.hb_blob_destroy(blob)
            return original(hb_object)
        key = (int(ffi.cast("uintptr_t", data)), length[0])
        with _font_files_lock:
            if key in _font_files:
                _font_files.move_to_end(key)
                harfbuzz.hb_blob_destroy(blob)
                return _font_files[key][1]
            content = ffi.unpack(data, length[0])
            _font_files[key] = (blob, content)  # keeps our reference to the blob
            while len(_font_files) > FONT_FILES_KEPT:
                harfbuzz.hb_blob_destroy(_font_files.popitem(last=False)[1][0])
            return content

    return get_hb_object_data


def _table(hb_face, tag):
    blob = harfbuzz.hb_face_reference_table(hb_face, tag)
    try:
        length = ffi.new("unsigned int *")
        data = harfbuzz.hb_blob_get_data(blob, length)
        return bytes(ffi.buffer(data, length[0])) if length[0] else b""
    finally:
        harfbuzz.hb_blob_destroy(blob)


def _is_cid_keyed(cff_table):
    """Whether a CFF table is CID-keyed (its top DICT has a ROS entry)."""
    if not cff_table:
        return False
    cff = CFFFontSet()
    try:
        cff.decompile(io.BytesIO(cff_table), None)
        return hasattr(cff.topDictIndex[0], "ROS")
    except Exception:  # a font fontTools cannot read keeps WeasyPrint's own path
        return False


def _compact_cff_subset(font, to_unicode, hinting):
    """The bare CFF program of `font` with only the used glyphs, renumbered; CIDs kept. None on failure."""
    subset_input = ffi.gc(harfbuzz_subset.hb_subset_input_create_or_fail(), harfbuzz_subset.hb_subset_input_destroy)
    glyphs = harfbuzz_subset.hb_subset_input_glyph_set(subset_input)
    gids = sorted(gid for gid in to_unicode if gid < font.glyph_count)
    array = ffi.new(f"hb_codepoint_t[{len(gids)}]", gids)
    harfbuzz.hb_set_add_sorted_array(glyphs, array, len(gids))
    flags = harfbuzz_subset.HB_SUBSET_FLAGS_DESUBROUTINIZE
    if not hinting:
        flags |= harfbuzz_subset.HB_SUBSET_FLAGS_NO_HINTING
    if font.missing:
        flags |= harfbuzz_subset.HB_SUBSET_FLAGS_NOTDEF_OUTLINE
    harfbuzz_subset.hb_subset_input_set_flags(subset_input, flags)
    # Only the CFF table is embedded; dropping the layout tables also stops hb-subset from adding every glyph
    # GSUB could substitute for the ones used (vertical and regional forms).
    drop = harfbuzz_subset.hb_subset_input_set(subset_input, harfbuzz_subset.HB_SUBSET_SETS_DROP_TABLE_TAG)
    tags = sorted(DROPPED_TABLES)
    harfbuzz.hb_set_add_sorted_array(drop, ffi.new(f"hb_codepoint_t[{len(tags)}]", tags), len(tags))
    face = harfbuzz_subset.hb_subset_or_fail(font.hb_face, subset_input)
    if face == ffi.NULL:
        return None
    try:
        return _table(face, CFF_TAG) or None
    finally:
        harfbuzz.hb_face_destroy(face)


def incompatibility(fonts_module=wp_fonts, pdf_module=weasyprint.pdf, version=weasyprint.__version__):
    """Why the patch cannot be installed on this WeasyPrint, or "" when everything it relies on is there."""
    if version.split(".")[0] != SUPPORTED_MAJOR:
        return f"WeasyPrint {version} is not {SUPPORTED_MAJOR}.x"
    if harfbuzz_subset is None:
        return "libharfbuzz-subset is not loaded"
    found = {
        "Font.subset": getattr(getattr(fonts_module, "Font", None), "subset", None),
        "build_fonts_dictionary": getattr(pdf_module, "build_fonts_dictionary", None),
        "get_hb_object_data": getattr(fonts_module, "get_hb_object_data", None),
    }
    for name, function in found.items():
        try:
            parameters = tuple(inspect.signature(function).parameters)
        except (TypeError, ValueError):
            return f"WeasyPrint {version} has no {name}"
        if parameters != EXPECTED_PARAMETERS[name]:
            return f"WeasyPrint {version}: {name}{parameters} is not {name}{EXPECTED_PARAMETERS[name]}"
    if not isinstance(inspect.getattr_static(getattr(fonts_module, "Font", None), "type", None), property):
        return f"WeasyPrint {version}: Font.type is not a property"
    return ""


def install():
    """Patch WeasyPrint once per process (from create_app); left alone when anything differs (see doctor)."""
    global _installed, _not_installed_because
    with _install_lock:
        if _installed:
            return True
        _not_installed_because = incompatibility()
        if _not_installed_because:
            LOGGER.warning("Compact CJK font embedding not installed: %s (see flask doctor)", _not_installed_because)
            return False

        original_subset = wp_fonts.Font.subset
        original_type = wp_fonts.Font.type
        original_build = weasyprint.pdf.build_fonts_dictionary

        @functools.wraps(original_subset)
        def subset(self, to_unicode, hinting):
            if to_unicode and "CFF " in self.tables and not self.bitmap and _cid_keyed.get(self.hash, True):
                cff = _compact_cff_subset(self, to_unicode, hinting)
                if self.hash not in _cid_keyed:  # decided once per font, on the small subset
                    _cid_keyed[self.hash] = _is_cid_keyed(cff)
                if cff is not None and _cid_keyed[self.hash]:
                    self.file_content = cff
                    self.bare_cff = True
                    return
            original_subset(self, to_unicode, hinting)

        def font_type(self):
            return "otf" if getattr(self, "bare_cff", False) else original_type.fget(self)

        @functools.wraps(original_build)
        def build_fonts_dictionary(pdf, fonts, compress, subset_fonts, options):
            first_new = len(pdf.objects)
            result = original_build(pdf, fonts, compress, subset_fonts, options)
            bare = {id(font.file_content) for font in fonts.values() if getattr(font, "bare_cff", False)}
            for obj in pdf.objects[first_new:]:
                stream = getattr(obj, "stream", None)
                if stream and len(stream) == 1 and id(stream[0]) in bare:
                    obj.extra["Subtype"] = "/CIDFontType0C"
            return result

        wp_fonts.get_hb_object_data = _cached_face_data(wp_fonts.get_hb_object_data)
        wp_fonts.Font.subset = subset
        wp_fonts.Font.type = property(font_type)
        weasyprint.pdf.build_fonts_dictionary = build_fonts_dictionary
        _installed = True
        return True


def installed():
    return _installed


def not_installed_because():
    return _not_installed_because

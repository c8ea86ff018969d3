"""The lexer against each quirk of real carrier traffic, with the message text written out in the test."""

from __future__ import annotations

from openpiu.formats.edifact import US, Delimiters, Segment, indices_of, lex, read_interchanges


def tags(data: bytes | str) -> list[str]:
    return [row[0] for row in lex(data).rows]


def messages(data: bytes | str) -> list[tuple[Segment, ...]]:
    return [m.segments for i in read_interchanges(data) for m in i.messages]


def warning_texts(data: bytes | str) -> list[str]:
    return [w.message for w in lex(data).warnings]


MINIMAL = "UNB+UNOA:4+AIR+PIU+250314:0815+1'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'UNT+3+1'UNZ+1+1'"


def test_default_delimiters_split_segments_elements_and_components() -> None:
    rows = lex(MINIMAL).rows
    assert [r[0] for r in rows] == ["UNB", "UNH", "BGM", "UNT", "UNZ"]
    assert rows[1] == ("UNH", "1", f"PAXLST{US}D{US}05B{US}UN{US}IATA")
    assert lex(MINIMAL).delimiters == Delimiters.DEFAULT
    assert lex(MINIMAL).warnings == ()


def test_una_with_other_delimiters_is_honoured() -> None:
    # Older US-style APIS: element separator '*', terminator '$' (GTAS airline2.edi).
    data = (
        "UNA:*.? $UNB*UNOA:4*AIR*PIU*250314:0815*1$"
        "UNH*1*PAXLST:D:02B:UN:IATA$NAD*FL***DOE:JANE$UNT*3*1$UNZ*1*1$"
    )
    result = lex(data)
    assert result.delimiters.element == "*"
    assert result.delimiters.terminator == "$"
    assert [r[0] for r in result.rows] == ["UNB", "UNH", "NAD", "UNT", "UNZ"]
    nad = messages(data)[0][0]
    assert nad.get(4, 1) == "DOE"
    assert nad.get(4, 2) == "JANE"
    assert result.warnings == ()


def test_una_with_backslash_release_character() -> None:
    data = (
        "UNA:+.\\ 'UNB+UNOA:4+AIR+PIU+250314:0815+1'UNH+1+PAXLST:D:05B:UN:IATA'"
        "NAD+FL+++O\\'NEIL:ANN'UNT+3+1'UNZ+1+1'"
    )
    nad = messages(data)[0][0]
    assert nad.get(4, 1) == "O'NEIL"


def test_release_character_makes_service_characters_literal() -> None:
    data = (
        "UNA:+.? 'UNB+UNOA:4+AIR+PIU+250314:0815+1'UNH+1+PAXLST:D:05B:UN:IATA'"
        "NAD+FL+++O?'NEIL:ANN?+MARIE:A??B?:C'UNT+3+1'UNZ+1+1'"
    )
    nad = messages(data)[0][0]
    assert nad.element(4) == ("O'NEIL", "ANN+MARIE", "A?B:C")
    # Written back with the default delimiters, released again.
    assert nad.text == "NAD+FL+++O?'NEIL:ANN?+MARIE:A??B?:C"


def test_release_character_before_an_ordinary_character_is_kept_as_data() -> None:
    data = "UNB+UNOA:4+AIR+PIU+250314:0815+1'UNH+1+PAXLST:D:05B:UN:IATA'FTX+AAI+++WHY?X'UNT+3+1'UNZ+1+1'"
    assert messages(data)[0][0].get(4) == "WHY?X"


def test_release_character_that_is_also_a_delimiter_is_no_release_character() -> None:
    # UNA:+.'*' and UNA:+.+*': the release character cannot also terminate or separate.
    for una, nad in (("UNA:+.'*'", "NAD+FL+++O'NEIL:ANN"), ("UNA:+.+*'", "NAD+FL+++ONEIL:ANN")):
        data = f"{una}UNB+UNOA:4+AIR+PIU+250314:0815+1'UNH+1+PAXLST:D:05B:UN:IATA'{nad}'UNT+3+1'UNZ+1+1'"
        result = lex(data)
        assert result.delimiters.release == ""
        assert [w.message for w in result.warnings if w.tag == "UNA"] == [
            f"UNA release character {una[6]!r} is also a delimiter: no release character used"
        ]
    assert [r[0] for r in result.rows] == ["UNB", "UNH", "NAD", "UNT", "UNZ"]


def test_short_una_is_completed_from_the_body_with_a_warning() -> None:
    data = "UNA:+.?'UNB+UNOA:4+AIR+PIU+250314:0815+1'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'UNT+3+1'UNZ+1+1'"
    result = lex(data)
    assert [r[0] for r in result.rows] == ["UNB", "UNH", "BGM", "UNT", "UNZ"]
    assert result.delimiters.terminator == "'"
    assert any("damaged UNA" in w.message for w in result.warnings)


def test_damaged_una_with_wrong_separators_follows_the_body() -> None:
    data = "UNA:*.? 'UNB+UNOA:4+AIR+PIU+250314:0815+1'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'UNT+3+1'UNZ+1+1'"
    result = lex(data)
    assert result.delimiters.element == "+"
    assert [r[0] for r in result.rows] == ["UNB", "UNH", "BGM", "UNT", "UNZ"]
    assert any("UNA announces separators" in w.message for w in result.warnings)


def test_typographic_quote_as_terminator_where_the_body_uses_apostrophes() -> None:
    data = (
        "UNA:+.? \u2019UNB+UNOA:4+AIR+PIU+250314:0815+1'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'UNT+3+1'UNZ+1+1'"
    )
    result = lex(data.encode("utf-8"))
    assert result.delimiters.terminator == "'"
    assert [r[0] for r in result.rows] == ["UNB", "UNH", "BGM", "UNT", "UNZ"]
    assert any("typographic quote" in w.message for w in result.warnings)


def test_no_una_but_non_default_delimiters_are_inferred() -> None:
    data = "UNB*UNOA:4*AIR*PIU*250314:0815*1$UNH*1*PAXLST:D:02B:UN:IATA$BGM*745$UNT*3*1$UNZ*1*1$"
    result = lex(data)
    assert (result.delimiters.element, result.delimiters.terminator) == ("*", "$")
    assert [r[0] for r in result.rows] == ["UNB", "UNH", "BGM", "UNT", "UNZ"]


def test_line_breaks_as_terminator_announced_or_not() -> None:
    body = (
        "UNB+UNOA:4+AIR+PIU+250314:0815+1\r\nUNH+1+PAXLST:D:05B:UN:IATA\r\nBGM+745\r\nUNT+3+1\r\nUNZ+1+1\r\n"
    )
    for data in ("UNA:+.? \n" + body, body):
        result = lex(data)
        assert result.delimiters.terminator == "\n"
        assert [r[0] for r in result.rows] == ["UNB", "UNH", "BGM", "UNT", "UNZ"]
        assert result.rows[-1] == ("UNZ", "1", "1")


def test_missing_unb_terminator_does_not_make_line_breaks_terminators() -> None:
    data = "UNB+UNOA:4+AIR+PIU+250314:0815+1\nUNH+1+PAXLST:D:05B:UN:IATA'\nBGM+745'\nUNT+3+1'\nUNZ+1+1'\n"
    result = lex(data)
    assert result.delimiters.terminator == "'"
    assert [r[0] for r in result.rows] == ["UNB", "BGM", "UNT", "UNZ"]


def test_line_breaks_inside_a_segment_are_removed() -> None:
    # Carriers wrap long lines at a fixed width, in the middle of a value.
    data = (
        "UNB+UNOA:4+AIR+PIU+250314:0815+1'\r\nUNH+1+PAXLST:D:05B:UN:IATA'"
        "\r\nNAD+FL+++SMITHJ\r\nR:JOHN'\r\nUNT+3+1'\r\nUNZ+1+1'\r\n"
    )
    nad = messages(data)[0][0]
    assert nad.get(4, 1) == "SMITHJR"
    assert lex(data).warnings == ()


def test_indentation_and_several_segments_per_line() -> None:
    data = (
        " UNB+UNOA:4+AIR+PIU+250314:0815+1'\n"
        "   UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'  RFF+TN:ABC:::1'\n"
        "\tUNT+4+1' UNZ+1+1'\n"
    )
    assert tags(data) == ["UNB", "UNH", "BGM", "RFF", "UNT", "UNZ"]
    assert read_interchanges(data)[0].warnings == ()


def test_last_segment_without_terminator_is_kept_with_a_warning() -> None:
    data = "UNB+UNOA:4+AIR+PIU+250314:0815+1'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'UNT+3+1'UNZ+1+1\n"
    result = lex(data)
    assert [r[0] for r in result.rows][-1] == "UNZ"
    assert result.rows[-1] == ("UNZ", "1", "1")
    assert [w.message for w in result.warnings] == ["last segment has no terminator"]


def test_free_text_after_the_interchange_is_ignored_with_a_warning() -> None:
    data = (
        "UNB+UNOA:4+AIR+PIU+250314:0815+1'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'UNT+3+1'"
        "UNZ+1+1\n\nModify above message to create bad message."
    )
    result = lex(data)
    assert result.rows[-1] == ("UNZ", "1", "1")
    assert any("text after the last segment ignored" in w for w in warning_texts(data))


def test_free_text_after_a_terminated_unz_is_ignored_with_a_warning() -> None:
    data = MINIMAL + "\n13Nov09\n"
    assert tags(data) == ["UNB", "UNH", "BGM", "UNT", "UNZ"]
    assert warning_texts(data) == ["text after the last segment ignored: '13Nov09'"]


def test_type_b_teletype_envelope_is_stripped() -> None:
    data = (
        "\x01QK BEGPIXA\r\n.JUXXXXX 141030\r\n\x02"
        "UNB+UNOA:4+AIR+PIU+250314:0815+1'\r\nUNH+1+PAXLST:D:05B:UN:IATA'\r\nBGM+745'\r\nUNT+3+1'\r\nUNZ+1+1'\r\n\x03"
    )
    result = lex(data.encode("ascii"))
    assert [r[0] for r in result.rows] == ["UNB", "UNH", "BGM", "UNT", "UNZ"]
    assert len(result.warnings) == 1
    assert result.warnings[0].message.startswith("Type-B envelope before the interchange ignored")
    assert "QK BEGPIXA" in result.warnings[0].message


def test_free_text_before_the_interchange_is_ignored_with_a_warning() -> None:
    data = "Forwarded message follows\n" + MINIMAL
    assert tags(data) == ["UNB", "UNH", "BGM", "UNT", "UNZ"]
    assert warning_texts(data) == ["text before the interchange ignored: 'Forwarded message follows'"]


def test_byte_order_mark_is_dropped_silently() -> None:
    result = lex(("\ufeff" + MINIMAL).encode("utf-8"))
    assert [r[0] for r in result.rows] == ["UNB", "UNH", "BGM", "UNT", "UNZ"]
    assert result.warnings == ()


def test_utf8_bytes_under_unoa_decode_with_a_warning() -> None:
    data = MINIMAL.replace("BGM+745", "NAD+FL+++MÜLLER:JÖRG").encode("utf-8")
    result = lex(data)
    assert result.rows[2] == ("NAD", "FL", "", "", f"MÜLLER{US}JÖRG")
    assert [w.message for w in result.warnings] == [
        "bytes outside the declared character set UNOA (decoded as utf-8)"
    ]
    assert result.warnings[0].tag == "UNB"


def test_latin1_bytes_decode_leniently() -> None:
    data = MINIMAL.replace("UNOA", "UNOC").replace("BGM+745", "NAD+FL+++NOV\xc1K:ANA").encode("latin-1")
    result = lex(data)
    assert result.rows[2][4] == f"NOVÁK{US}ANA"
    # UNOC is ISO 8859-1: these bytes are within the declared set.
    assert result.warnings == ()


def test_several_interchanges_each_with_its_own_una() -> None:
    first = "UNA:+.? 'UNB+UNOA:4+AIR+PIU+250314:0815+1'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'UNT+3+1'UNZ+1+1'\n"
    second = "UNA:*.? $UNB*UNOA:4*AIR*PIU*250314:0816*2$UNH*7*PAXLST:D:02B:UN:IATA$BGM*250$UNT*3*7$UNZ*1*2$\n"
    interchanges = read_interchanges(first + second)
    assert [i.control_ref for i in interchanges] == ["1", "2"]
    assert [m.reference for i in interchanges for m in i.messages] == ["1", "7"]
    assert interchanges[1].messages[0].segments[0].get(1) == "250"
    # Positions restart at each UNB.
    assert interchanges[1].messages[0].header.position == 2
    assert all(i.warnings == () for i in interchanges)
    assert [m.warnings for i in interchanges for m in i.messages] == [(), ()]


def test_no_edifact_at_all_gives_no_rows() -> None:
    assert lex("hello world").rows == ()


def test_segment_accessors_never_raise() -> None:
    segment = Segment("DOC", ("DOC", f"P{US}110{US}111", "MB140241"), 7)
    assert segment.get(1) == "P"
    assert segment.get(1, 2) == "110"
    assert segment.get(1, 4) == ""
    assert segment.get(2) == "MB140241"
    assert segment.get(9, 9) == ""
    assert segment.get(0) == ""
    assert segment.element(1) == ("P", "110", "111")
    assert segment.element(5) == ()
    assert segment.elements == (("P", "110", "111"), ("MB140241",))
    assert segment.text == "DOC+P:110:111+MB140241"


def test_indices_of_finds_tags_on_row_boundaries_only() -> None:
    # Joined, "XUN" + "HAB" holds "UNH" across two rows: no row there has tag UNH.
    rows = [("XUN",), ("HAB",), ("UNH", "1"), ("NAD",), ("UNT",)]
    assert indices_of(rows, frozenset({"UNH", "UNT"})) == [2, 4]
    # Overlapping candidates: "NAN" + "NAD" must still find the NAD at row 1.
    assert indices_of([("NAN",), ("NAD",), ("CNT",)], frozenset({"NAD", "CNT"})) == [1, 2]


def test_indices_of_with_tags_of_other_lengths() -> None:
    rows = [("UNH",), ("FREE TEXT",), ("NAD",), ("",), ("NAD",)]
    assert indices_of(rows, frozenset({"NAD"})) == [2, 4]
    assert indices_of(rows, frozenset({"FREE TEXT"})) == [1]
    assert indices_of([], frozenset({"NAD"})) == []


def test_segments_after_whitespace_other_than_line_breaks_are_stripped() -> None:
    text = "UNB+UNOA:4+A+B+250314:0815+1' UNH+1+PAXLST:D:05B:UN:IATA'\tBGM+745''UNT+3+1'\x0cUNZ+1+1'"
    assert tags(text) == ["UNB", "UNH", "BGM", "UNT", "UNZ"]
    assert tags(" " + MINIMAL) == ["UNB", "UNH", "BGM", "UNT", "UNZ"]

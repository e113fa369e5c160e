/* Number parsing (CBS conventions) and Dutch formatting. */
#include "../../pipeline/lib/vk_num.h"
#include "../../pipeline/lib/vk_utf8.h"
#include "tap.h"

static double
P(const char *s, char dec, int *rc)
{
	static const char *const miss[] = { "." };
	double v;

	*rc = vk_num_parse(s, dec, miss, 1, &v);
	return v;
}

int
main(void)
{
	char buf[64];
	int rc;
	double v;

	v = P("12.5", '.', &rc);
	CHECK(rc == 0 && v == 12.5, "12.5");
	v = P("12,5", ',', &rc);
	CHECK(rc == 0 && v == 12.5, "decimal comma 12,5");
	v = P("1.234,5", ',', &rc);
	CHECK(rc == 0 && v == 1234.5, "1.234,5 with decimal comma");
	v = P("1 234", '.', &rc);
	CHECK(rc == 0 && v == 1234, "space as thousands separator");
	v = P(" -0.25 ", '.', &rc);
	CHECK(rc == 0 && v == -0.25, "spaces and minus");
	v = P("1e-3", '.', &rc);
	CHECK(rc == 0 && v == 0.001, "exponent");
	P(".", '.', &rc);
	CHECK(rc == 1, "'.' is missing (CBS)");
	P("", '.', &rc);
	CHECK(rc == 1, "empty is missing");
	P("NA", '.', &rc);
	CHECK(rc == 1, "NA is missing");
	P("12,x", '.', &rc);
	CHECK(rc == -1, "12,x is not a number");
	P("12,5", '.', &rc);
	CHECK(rc == -1, "decimal comma refused when the source says '.'");
	P("nan", '.', &rc);
	CHECK(rc == -1, "nan is not a number");
	P("inf", '.', &rc);
	CHECK(rc == -1, "inf is not a number");
	P("0x10", '.', &rc);
	CHECK(rc == -1, "hex is not a number");
	P("1.2.3", '.', &rc);
	CHECK(rc == -1, "two decimal points");
	P("12.34", ',', &rc);
	CHECK(rc == -1, "'.' followed by two digits is no thousands group");

	CHECK_STR(vk_num_fmt(buf, sizeof(buf), 12.345, 2), "12.35", "fmt 2");
	CHECK_STR(vk_num_fmt(buf, sizeof(buf), -0.0001, 2), "0.00",
	          "no negative zero");
	CHECK_STR(vk_num_fmt(buf, sizeof(buf), NAN, 2), "NA", "fmt NA");
	CHECK_STR(vk_num_nl(buf, sizeof(buf), 12.5, 1), "12,5", "nl 12,5");
	CHECK_STR(vk_num_nl(buf, sizeof(buf), 1234, 0), "1.234", "nl 1.234");
	CHECK_STR(vk_num_nl(buf, sizeof(buf), 367947, 0), "367.947",
	          "nl 367.947");
	CHECK_STR(vk_num_nl(buf, sizeof(buf), 1234567.891, 2), "1.234.567,89",
	          "nl 1.234.567,89");
	CHECK_STR(vk_num_nl(buf, sizeof(buf), -3.26, 1), "\xE2\x88\x92" "3,3",
	          "nl minus sign, rounding");
	CHECK_STR(vk_num_nl(buf, sizeof(buf), NAN, 1), "n.b.", "nl missing");
	CHECK_STR(vk_num_nl(buf, sizeof(buf), 999, 0), "999", "nl 999");

	CHECK(vk_utf8_check("Mari\xC3\xABndaal", 11) == (size_t)-1,
	      "valid UTF-8");
	CHECK(vk_utf8_check("a\xC3\x28", 3) == 1, "C3 28 is invalid at 1");
	CHECK(vk_utf8_check("\xC0\xAF", 2) == 0, "overlong is invalid");
	CHECK(vk_utf8_check("\xED\xA0\x80", 3) == 0, "surrogate is invalid");
	CHECK(vk_utf8_check("\xE2\x88", 2) == 0, "truncated is invalid");
	return TAP_DONE();
}

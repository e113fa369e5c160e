# QuickScan Veerkracht. `make report` builds the sample report (installing
# missing Debian packages first), `make test` runs every test.

CLIENT   ?= utrecht
DATA     ?= data/$(CLIENT)
OUT      ?= out/$(CLIENT)
CONFIG   := $(DATA)/quickscan.yaml
TEMPLATE ?= templates/quickscan

CC       ?= cc
PKGS     := cairo cairo-ft freetype2 yaml-0.1 lua5.4 gdal
SAN      ?=
CFLAGS   ?= -O2 -g
CFLAGS   += -std=c11 -D_DEFAULT_SOURCE -Wall -Wextra -Wshadow -Wvla \
            -Wformat=2 -Ipipeline/lib $(SAN) \
            $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS   += $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lhpdf -lcsv -lm
LDFLAGS  += $(SAN)

B        := build$(if $(SAN),-san)
LIB_SRC  := $(wildcard pipeline/lib/*.c)
LIB_OBJ  := $(LIB_SRC:%.c=$(B)/%.o)
TOOLS    := ingest index classify render changes export outlook
BINS     := $(TOOLS:%=$(B)/vk-%)
UNIT_SRC := $(wildcard tests/unit/*.c)
UNITS    := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)

# The report date: the last commit that touched the client's data, or, for
# data outside git, the newest modification time among its files. Never the
# clock, so the same inputs give the same PDF.
ifeq ($(origin SOURCE_DATE_EPOCH),undefined)
SOURCE_DATE_EPOCH := $(or $(shell git log -1 --format=%ct -- $(DATA) 2>/dev/null),$(shell stat -c %Y $(DATA)/* 2>/dev/null | sort -n | tail -n 1))
endif
export SOURCE_DATE_EPOCH

.PHONY: all report test test-san deps bench clean
.SECONDARY:

all: $(BINS) $(UNITS)

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<

-include $(shell find $(B) -name '*.d' 2>/dev/null)

$(B)/libvk.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

# One rule per tool: its folder's objects plus the shared library.
define tool_rule
$(B)/vk-$(1): $(patsubst %.c,$(B)/%.o,$(wildcard pipeline/$(1)/*.c)) $(B)/libvk.a
	$$(CC) $$(LDFLAGS) -o $$@ $$^ $$(LDLIBS)
endef
$(foreach t,$(TOOLS),$(eval $(call tool_rule,$(t))))

$(B)/tests/%: $(B)/tests/unit/%.o $(B)/libvk.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

deps:
	@scripts/install-deps

# The pipeline, chained through files: a stage whose inputs did not change
# is not run again.
INGEST_OUT := $(OUT)/ingest/values.csv
INDEX_OUT  := $(OUT)/index/buurten.csv
CLASS_OUT  := $(OUT)/classify/buurten.csv
OUTLOOK_OUT := $(OUT)/outlook/projections.csv
PDF        := $(OUT)/quickscan-$(CLIENT).pdf
# The template search path: a client's own folder (when it exists) before
# the default template, so it overrides the default file by file.
CLIENT_TPL := templates/clients/$(CLIENT)
TPL_DIRS   := $(wildcard $(CLIENT_TPL)) $(TEMPLATE)
TPL_FILES  := $(shell find $(TPL_DIRS) -type f 2>/dev/null)
DATA_FILES := $(filter-out $(CONFIG),$(wildcard $(DATA)/*))

# What a report run leaves in out/<client>/: the PDF, and for QGIS and
# spreadsheets the classification per buurt as GeoPackage layer and CSV,
# and the outlook's projections (wijk, scenario, year, segment, value).
GPKG       := $(OUT)/veerkracht-$(CLIENT).gpkg
CSV        := $(OUT)/veerkracht-$(CLIENT)-buurten.csv
PROJ_CSV   := $(OUT)/doorkijk-$(CLIENT)-projecties.csv
REPORT     := $(PDF) $(GPKG) $(CSV) $(PROJ_CSV)

report: deps
	@$(MAKE) --no-print-directory $(REPORT)

$(INGEST_OUT): $(B)/vk-ingest $(CONFIG) $(DATA_FILES)
	$(B)/vk-ingest -o $(OUT)/ingest $(CONFIG)

$(INDEX_OUT): $(B)/vk-index $(CONFIG) $(INGEST_OUT)
	$(B)/vk-index -i $(OUT)/ingest -o $(OUT)/index $(CONFIG)

$(CLASS_OUT): $(B)/vk-classify $(CONFIG) $(INDEX_OUT)
	$(B)/vk-classify -i $(OUT)/index -o $(OUT)/classify $(CONFIG)

# The outlook also reads the stock source named in outlook.stock.
$(OUTLOOK_OUT): $(B)/vk-outlook $(CONFIG) $(CLASS_OUT) $(DATA_FILES)
	$(B)/vk-outlook -w $(OUT) -o $(OUT)/outlook $(CONFIG)

# DATA_FILES too: images the config gives (template.logo) live there.
# The maps the template exports (map{export = name}) go to kaarten/ as
# 300 dpi PNGs, for slides.
$(PDF): $(B)/vk-render $(CONFIG) $(CLASS_OUT) $(OUTLOOK_OUT) $(TPL_FILES) $(DATA_FILES)
	@mkdir -p $(OUT)/kaarten
	$(B)/vk-render -w $(OUT) $(TPL_DIRS:%=-t %) --png-dir $(OUT)/kaarten -o $@ $(CONFIG)

$(GPKG): $(B)/vk-export $(CLASS_OUT)
	$(B)/vk-export -w $(OUT) -o $@

$(CSV): $(CLASS_OUT)
	cp $< $@.tmp && mv $@.tmp $@

$(PROJ_CSV): $(OUTLOOK_OUT)
	cp $< $@.tmp && mv $@.tmp $@

test: deps
	@$(MAKE) -s --no-print-directory all
	@tests/run $(B)

# The whole suite again under AddressSanitizer and UBSan.
test-san: deps
	@$(MAKE) --no-print-directory all SAN="-fsanitize=address,undefined -fno-omit-frame-pointer"
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  tests/run build-san

bench: deps
	@$(MAKE) -s --no-print-directory all
	@scripts/bench $(B) $(CLIENT)

clean:
	rm -rf build build-san out

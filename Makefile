# The README's two commands: `make run` (demo on http://localhost:8069) and `make test`.
.PHONY: run test setup check-modules lint bench load clean-dbs

setup:            ## install what is missing (idempotent)
	bash scripts/setup.sh

run:              ## build the demo database crm_demo if absent and serve it (DB=, PORT=, WORKERS=)
	bash scripts/run.sh

test:             ## lint + module tests + top-level tests on a throwaway database (MODULES= for a subset)
	bash scripts/test.sh

check-modules:    ## each module alone: install, uninstall (with those above it), standard apps still work, reinstall
	bash scripts/check_modules.sh

bench:            ## benchmarks on generated data, table in bench/RESULTS.md (SCALE=small for 1 %, FRESH=1)
	bash scripts/bench.sh

load:             ## load test: 20 users for 5 minutes on the benchmark database (NODES=2: two nodes behind nginx)
	bash scripts/load.sh

lint:
	bash scripts/setup.sh && .venv/bin/flake8 addons tests bench scripts && .venv/bin/python scripts/check_xml.py \
	  && .venv/bin/python scripts/po_check.py

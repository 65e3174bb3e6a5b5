# Thin wrappers: scripts/dev.sh does the work so that people and CI run the same steps.
.PHONY: setup build run test asan format bench
setup build run test asan format:
	bash scripts/dev.sh $@
bench:
	bash bench/run.sh

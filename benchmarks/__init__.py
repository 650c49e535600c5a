"""Benchmarks and the synthetic libraries they build: run by `invoke bench`, never imported
by a site build. Lives outside the `metodbank` package so the runtime stays free of tooling."""

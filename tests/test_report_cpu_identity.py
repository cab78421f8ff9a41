"""The report's machine line tells CPUs of one model name apart. "AMD EPYC" named Zen 3 and Zen 4 alike,
while the demo's tagging scores move with the CPU's float rounding between them (README, the make demo row),
so a report could not say which machine its numbers came from. Oracle: a hand-written /proc/cpuinfo."""
from __future__ import annotations

import os

from wordeval.provenance import cpu_description

BLOCK = """processor\t: {i}
vendor_id\t: AuthenticAMD
cpu family\t: 25
model\t\t: {model}
model name\t: AMD EPYC
stepping\t: 1
flags\t\t: fpu vme sse4_2 avx avx2 {extra}
bogomips\t: 4890.80

"""


def test_family_model_and_vector_instructions_are_named(tmp_path):
    count = len(os.sched_getaffinity(0))
    cpus = f"{count} CPU{'s' * (count != 1)}"
    zen4 = tmp_path / "zen4"
    zen4.write_text("".join(BLOCK.format(i=i, model=17, extra="avx512f avx512bw") for i in range(2)))
    assert cpu_description(str(zen4)) == f"AMD EPYC (family 25 model 17, AVX-512), {cpus}"
    zen3 = tmp_path / "zen3"
    zen3.write_text(BLOCK.format(i=0, model=1, extra=""))
    assert cpu_description(str(zen3)) == f"AMD EPYC (family 25 model 1, AVX2), {cpus}"
    plain = tmp_path / "plain"
    plain.write_text("model name\t: Some CPU\n")
    assert cpu_description(str(plain)) == f"Some CPU, {cpus}"

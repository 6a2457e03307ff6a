"""The serving layer: settings and mode, devices, Qwen3's query format and pooling, in-process encoders,
the CPU server and its request contract, launching SGLang or the CPU server, the OpenAI-client wrapper,
the GPU check. Introduced in notebooks 00 and 01.
"""

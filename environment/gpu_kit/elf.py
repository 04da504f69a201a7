"""Reads what a Linux shared library (ELF, 64-bit, little-endian) needs and provides: its DT_NEEDED libraries and the
names of its dynamic symbols. The GPU kit's check uses it to see, before a JVM starts, whether DJL's JNI library binds
to a libtorch: a symbol missing there is otherwise found only when it is first called, and kills the JVM.
"""
import mmap
import struct

SHT_DYNAMIC = 6
SHT_DYNSYM = 11
SHT_GNU_VERSYM = 0x6FFFFFFF
DT_NEEDED = 1
STB_WEAK = 2
SYMBOL = struct.Struct("<IBBHQQ")  # st_name, st_info, st_other, st_shndx, st_value, st_size
SECTION = struct.Struct("<IIQQQQIIQQ")  # sh_name, sh_type, flags, addr, sh_offset, sh_size, sh_link, info, align, entsize


class NotElf(ValueError):
    pass


class Library:
    """One shared library's dynamic section and symbols."""

    def __init__(self, data, name):
        if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
            raise NotElf("%s is not a 64-bit little-endian ELF library" % name)
        self.name = name
        shoff, = struct.unpack_from("<Q", data, 0x28)
        shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
        sections = [SECTION.unpack_from(data, shoff + i * shentsize) for i in range(shnum)]
        by_type = {section[1]: section for section in sections}
        if SHT_DYNSYM not in by_type:
            raise NotElf("%s has no dynamic symbols" % name)
        dynsym = by_type[SHT_DYNSYM]
        strings = sections[dynsym[6]]
        self._strings = data[strings[4]:strings[4] + strings[5]]
        self._symbols = data[dynsym[4]:dynsym[4] + dynsym[5]]
        versym = by_type.get(SHT_GNU_VERSYM)
        self._versions = data[versym[4]:versym[4] + versym[5]] if versym else b""
        self.needed = []
        dynamic = by_type.get(SHT_DYNAMIC)
        if dynamic:
            for tag, value in struct.iter_unpack("<qQ", data[dynamic[4]:dynamic[4] + dynamic[5]]):
                if tag == DT_NEEDED:
                    self.needed.append(self._string(value))

    @classmethod
    def read(cls, path):
        with open(path, "rb") as file, mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as data:
            return cls(data, str(path))

    def _string(self, offset):
        return self._strings[offset:self._strings.index(b"\0", offset)].decode("utf-8", "replace")

    def _entries(self):
        """(name, defined, weak, versioned) of each dynamic symbol but the first (the null symbol)."""
        for index, (name, info, _, section, _, _) in enumerate(SYMBOL.iter_unpack(self._symbols)):
            if index == 0 or name == 0:
                continue
            versioned = bool(self._versions) and (struct.unpack_from("<H", self._versions, 2 * index)[0] & 0x7FFF) > 1
            yield self._string(name), section != 0, info >> 4 == STB_WEAK, versioned

    def defined(self):
        """The names this library provides."""
        return {name for name, defined, _, _ in self._entries() if defined}

    def required(self):
        """The names this library needs from libraries without symbol versions (libtorch's): undefined, not weak,
        unversioned. Versioned ones (glibc, libstdc++, CUDA) come from the system and fail at load time, not mid-run."""
        return {name for name, defined, weak, versioned in self._entries() if not defined and not weak and not versioned}

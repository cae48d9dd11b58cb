package limitsprocessor

import (
	"encoding/binary"
	"hash/maphash"
	"math"

	"go.opentelemetry.io/collector/pdata/pcommon"
)

// hasher makes the 64-bit series keys. Attribute sets hash the same in any order (the sum of one
// hash per key and value), as the exporters sort labels.
type hasher struct{ seed maphash.Seed }

func newHasher() hasher { return hasher{seed: maphash.MakeSeed()} }

func (h hasher) str(s string) uint64 { return maphash.String(h.seed, s) }

func (h hasher) combine(parts ...uint64) uint64 {
	var m maphash.Hash
	m.SetSeed(h.seed)
	var b [8]byte
	for _, p := range parts {
		binary.LittleEndian.PutUint64(b[:], p)
		_, _ = m.Write(b[:])
	}
	return m.Sum64()
}

func (h hasher) attributes(attrs pcommon.Map) uint64 {
	var sum uint64
	var m maphash.Hash
	m.SetSeed(h.seed)
	attrs.Range(func(k string, v pcommon.Value) bool {
		m.Reset()
		_, _ = m.WriteString(k)
		_ = m.WriteByte(0)
		writeValue(&m, v)
		sum += m.Sum64()
		return true
	})
	return sum
}

func writeValue(m *maphash.Hash, v pcommon.Value) {
	_ = m.WriteByte(byte(v.Type()))
	var b [8]byte
	switch v.Type() {
	case pcommon.ValueTypeStr:
		_, _ = m.WriteString(v.Str())
	case pcommon.ValueTypeInt:
		binary.LittleEndian.PutUint64(b[:], uint64(v.Int()))
		_, _ = m.Write(b[:])
	case pcommon.ValueTypeDouble:
		binary.LittleEndian.PutUint64(b[:], math.Float64bits(v.Double()))
		_, _ = m.Write(b[:])
	case pcommon.ValueTypeBool:
		if v.Bool() {
			_ = m.WriteByte(1)
		}
	default:
		_, _ = m.WriteString(v.AsString())
	}
}

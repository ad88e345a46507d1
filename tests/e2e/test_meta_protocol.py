"""memcached 1.6 meta commands (mg ms md ma mn me) over a raw socket.

Every expected reply here was taken from a real memcached 1.6.18 (default options); only
replies that do not depend on cas values or the clock are compared byte for byte. Return
flags come back in the order the request gave them.
"""
import base64
import re
import unittest

from mcsupport import MemcachedCase


class MetaGetSetTest(MemcachedCase):

    def test_ms_then_mg_with_value_flags_size_key_opaque(self):
        r, k = self.raw(), self.key('meta')
        r.send(f'ms {k} 2\r\nhi\r\n')
        r.expect('HD\r\n')
        r.send(f'mg {k} v\r\n')
        r.expect('VA 2\r\nhi\r\n')
        r.send(f'mg {k} v f s k O123\r\n')
        r.expect(f'VA 2 f0 s2 k{k} O123\r\nhi\r\n')
        # Return flags follow the order of the request.
        r.send(f'mg {k} O9 k s v f\r\n')
        r.expect(f'VA 2 O9 k{k} s2 f0\r\nhi\r\n')

    def test_mg_without_v_answers_hd(self):
        r, k = self.raw(), self.key('meta')
        r.send(f'ms {k} 3\r\nabc\r\n')
        r.expect('HD\r\n')
        r.send(f'mg {k}\r\nmg {k} s\r\nmg {k} k O1 s\r\n')
        r.expect(f'HD\r\nHD s3\r\nHD k{k} O1 s3\r\n')

    def test_ms_client_flags_round_trip(self):
        r, k = self.raw(), self.key('meta')
        r.send(f'ms {k} 3 F5\r\nabc\r\nmg {k} f v\r\n')
        r.expect('HD\r\nVA 3 f5\r\nabc\r\n')
        r.send(f'ms {k} 2 F4294967295\r\nhi\r\nmg {k} f\r\n')
        r.expect('HD\r\nHD f4294967295\r\n')
        # The classic protocol sees the same item.
        r.send(f'get {k}\r\n')
        r.expect(f'VALUE {k} 4294967295 2\r\nhi\r\nEND\r\n')

    def test_ms_value_is_binary_safe(self):
        r, k = self.raw(), self.key('meta')
        data = bytes(range(256)) + b'\r\nEND\r\n'
        r.send(f'ms {k} {len(data)}\r\n'.encode() + data + b'\r\n')
        r.expect('HD\r\n')
        r.send(f'mg {k} v s\r\n')
        r.expect(f'VA {len(data)} s{len(data)}\r\n'.encode() + data + b'\r\n')

    def test_ms_classic_interoperability(self):
        r, k = self.raw(), self.key('meta')
        r.send(f'set {k} 7 0 5\r\nhello\r\nmg {k} v f s\r\n')
        r.expect('STORED\r\nVA 5 f7 s5\r\nhello\r\n')
        r.send(f'ms {k} 3 F9\r\nbye\r\nget {k}\r\n')
        r.expect(f'HD\r\nVALUE {k} 9 3\r\nbye\r\nEND\r\n')

    def test_mg_miss(self):
        r, k = self.raw(), self.key('meta')
        r.send(f'mg {k} v\r\nmg {k}\r\nmg {k} s f t\r\n')
        r.expect('EN\r\nEN\r\nEN\r\n')
        # On a miss the key and the opaque are still echoed, so pipelined replies can be matched.
        r.send(f'mg {k} k O77 v\r\n')
        r.expect(f'EN k{k} O77\r\n')

    def test_mn_alone(self):
        r = self.raw()
        r.send('mn\r\n')
        r.expect('MN\r\n')

    def test_quiet_mode_hides_only_the_common_case(self):
        r = self.raw()
        hit, miss = self.key('hit'), self.key('miss')
        r.send(f'ms {hit} 1 q\r\nx\r\n'          # stored: HD hidden
               f'ms {hit} 1 q ME\r\ny\r\n'       # add on existing key: NS shown
               f'mg {miss} v q\r\n'              # miss: EN hidden
               f'mg {hit} v q\r\n'               # hit: shown
               f'mg {hit} q k O1 s\r\n'          # hit without value: shown
               f'mn\r\n')
        r.expect(f'NS\r\nVA 1\r\nx\r\nHD k{hit} O1 s1\r\nMN\r\n')
        r.send(f'md {miss} q\r\n'                # not found: NF shown
               f'md {hit} q\r\n'                 # deleted: HD hidden
               f'mg {hit} v q\r\n'               # now a miss: hidden
               f'mn\r\n')
        r.expect('NF\r\nMN\r\n')
        r.expect_silence()

    def test_quiet_mode_keeps_opaque_on_shown_replies(self):
        r, k = self.raw(), self.key('meta')
        r.send(f'ms {k} 1 q O3 k\r\ny\r\nms {k} 1 q O3 k ME\r\ny\r\nmn\r\n')
        r.expect(f'NS O3 k{k}\r\nMN\r\n')

    def test_ttl_flag_t(self):
        r, k = self.raw(), self.key('meta')
        r.send(f'ms {k} 1\r\nx\r\nmg {k} t\r\nmg {k} t v\r\n')
        r.expect('HD\r\nHD t-1\r\nVA 1 t-1\r\nx\r\n')
        r.send(f'ms {k} 1 T100\r\nx\r\nmg {k} t\r\n')
        r.expect('HD\r\n')
        line = r.line()
        self.assertRegex(line, rb'^HD t(99|100)$')

    def test_mg_T_touches_and_t_reports_the_new_ttl(self):
        r, k = self.raw(), self.key('meta')
        r.send(f'ms {k} 3 T0 F5\r\nabc\r\nmg {k} T30 t\r\nmg {k} T0 t v\r\n')
        r.expect('HD\r\nHD t30\r\nVA 3 t-1\r\nabc\r\n')

    def test_ms_negative_ttl_is_already_expired(self):
        r, k = self.raw(), self.key('meta')
        r.send(f'ms {k} 2 T-1\r\nhi\r\nmg {k} v\r\n')
        r.expect('HD\r\nEN\r\n')

    def test_ms_without_T_clears_a_previous_ttl(self):
        r, k = self.raw(), self.key('meta')
        r.send(f'ms {k} 1 T100\r\nx\r\nms {k} 1\r\ny\r\nmg {k} t v\r\n')
        r.expect('HD\r\nHD\r\nVA 1 t-1\r\ny\r\n')


class MetaDeleteTest(MemcachedCase):

    def test_md(self):
        r, k = self.raw(), self.key('meta')
        r.send(f'ms {k} 2\r\nhi\r\nmd {k}\r\nmd {k}\r\nmg {k} v\r\n')
        r.expect('HD\r\nHD\r\nNF\r\nEN\r\n')

    def test_md_echoes_key_and_opaque(self):
        r, k = self.raw(), self.key('meta')
        r.send(f'md {k} k O5\r\n')
        r.expect(f'NF k{k} O5\r\n')
        r.send(f'ms {k} 1\r\nx\r\nmd {k} O5 k\r\n')
        r.expect(f'HD\r\nHD O5 k{k}\r\n')

    def test_md_with_cas(self):
        r, k = self.raw(), self.key('meta')
        r.send(f'ms {k} 1 c\r\nx\r\n')
        m = re.fullmatch(rb'HD c(\d+)', r.line())
        self.assertIsNotNone(m, 'ms c returns the cas value')
        cas = int(m.group(1))
        r.send(f'md {k} C{cas + 1000}\r\nmg {k} v\r\n')
        r.expect('EX\r\nVA 1\r\nx\r\n')
        r.send(f'md {k} C{cas}\r\nmg {k} v\r\n')
        r.expect('HD\r\nEN\r\n')

    def test_classic_and_meta_delete_agree(self):
        r, k = self.raw(), self.key('meta')
        r.send(f'ms {k} 1\r\nx\r\ndelete {k}\r\nmd {k}\r\n')
        r.expect('HD\r\nDELETED\r\nNF\r\n')


class MetaArithmeticTest(MemcachedCase):

    def test_ma_miss_and_autovivify(self):
        r, k = self.raw(), self.key('cnt')
        r.send(f'ma {k}\r\n')
        r.expect('NF\r\n')
        r.send(f'ma {k} N0\r\nma {k} v\r\n')     # created with J's default, 0
        r.expect('HD\r\nVA 1\r\n1\r\n')
        other = self.key('cnt')
        r.send(f'ma {other} N0 J13 v\r\nma {other} N0 J13 v\r\n')
        r.expect('VA 2\r\n13\r\nVA 2\r\n14\r\n')

    def test_ma_delta_and_modes(self):
        r, k = self.raw(), self.key('cnt')
        r.send(f'ms {k} 1\r\n1\r\n')
        r.expect('HD\r\n')
        r.send(f'ma {k} v D5\r\n'                # 6
               f'ma {k} v MD D2\r\n'             # 4
               f'ma {k} v M- D1\r\n'             # 3
               f'ma {k} v MI D10\r\n'            # 13
               f'ma {k} v M+ D7\r\n'             # 20
               f'ma {k} v MD D100\r\n'           # decrement stops at 0
               f'ma {k} v MI\r\n')               # 1
        r.expect('VA 1\r\n6\r\nVA 1\r\n4\r\nVA 1\r\n3\r\nVA 2\r\n13\r\nVA 2\r\n20\r\n'
                 'VA 1\r\n0\r\nVA 1\r\n1\r\n')
        # A value that got shorter may be stored space-padded (memcached updates in place).
        r.send(f'mg {k} v\r\n')
        m = re.fullmatch(rb'VA (\d+)', r.line())
        self.assertIsNotNone(m)
        self.assertEqual(r.read_exact(int(m.group(1)) + 2).rstrip(b'\r\n').rstrip(b' '), b'1')

    def test_ma_wraps_at_2_pow_64(self):
        r, k = self.raw(), self.key('cnt')
        r.send(f'ma {k} N0 J18446744073709551615 v\r\nma {k} v\r\n')
        r.expect('VA 20\r\n18446744073709551615\r\nVA 1\r\n0\r\n')

    def test_ma_keeps_client_flags(self):
        r, k = self.raw(), self.key('cnt')
        r.send(f'ms {k} 2 F7\r\n10\r\nma {k}\r\nmg {k} f v\r\n')
        r.expect('HD\r\nHD\r\nVA 2 f7\r\n11\r\n')
        r.send(f'ma {k} D89\r\nmg {k} s v\r\n')   # grows to three digits
        r.expect('HD\r\nVA 3 s3\r\n100\r\n')

    def test_ma_on_non_numeric_value(self):
        r, k = self.raw(), self.key('cnt')
        r.send(f'ms {k} 3\r\nabc\r\nma {k} v\r\n')
        r.expect('HD\r\nCLIENT_ERROR cannot increment or decrement non-numeric value\r\n')
        r.send(f'mg {k} v\r\n')
        r.expect('VA 3\r\nabc\r\n')

    def test_ma_ttl_of_autovivified_item(self):
        r, k = self.raw(), self.key('cnt')
        r.send(f'ma {k} N100 J7 v t\r\n')
        r.expect('VA 1 t100\r\n7\r\n')
        plain = self.key('cnt')
        r.send(f'ms {plain} 1\r\n0\r\nma {plain} v t\r\n')
        r.expect('HD\r\nVA 1 t-1\r\n1\r\n')

    def test_ma_quiet_and_opaque(self):
        r, k = self.raw(), self.key('cnt')
        missing = self.key('cnt')
        r.send(f'ms {k} 1\r\n5\r\n'
               f'ma {k} q\r\n'                   # success: hidden
               f'ma {k} q v\r\n'                 # success with value: hidden too
               f'ma {missing} q\r\n'             # not found: shown
               f'ma {missing} O7\r\n'
               f'mn\r\n')
        r.expect('HD\r\nNF\r\nNF O7\r\nMN\r\n')
        r.send(f'mg {k} v\r\n')
        r.expect('VA 1\r\n7\r\n')

    def test_classic_incr_sees_meta_counter(self):
        r, k = self.raw(), self.key('cnt')
        r.send(f'ma {k} N0 J41\r\nincr {k} 1\r\nma {k} v MD\r\n')
        r.expect('HD\r\n42\r\nVA 2\r\n41\r\n')


class MetaSetModesTest(MemcachedCase):

    def test_mode_E_add(self):
        r, k = self.raw(), self.key('mode')
        r.send(f'ms {k} 2 ME\r\nv1\r\nms {k} 2 ME\r\nv2\r\nmg {k} v\r\n')
        r.expect('HD\r\nNS\r\nVA 2\r\nv1\r\n')

    def test_modes_A_P_append_prepend(self):
        r, k = self.raw(), self.key('mode')
        r.send(f'ms {k} 2 F3\r\nv1\r\nms {k} 1 MA\r\nA\r\nms {k} 1 MP\r\nP\r\nmg {k} v f\r\n')
        r.expect('HD\r\nHD\r\nHD\r\nVA 4 f3\r\nPv1A\r\n')

    def test_modes_A_P_R_on_missing_key(self):
        r, k = self.raw(), self.key('mode')
        r.send(f'ms {k} 1 MA\r\nA\r\nms {k} 1 MP\r\nP\r\nms {k} 1 MR\r\nR\r\nmg {k} v\r\n')
        r.expect('NS\r\nNS\r\nNS\r\nEN\r\n')

    def test_modes_R_and_S(self):
        r, k = self.raw(), self.key('mode')
        r.send(f'ms {k} 1 MS\r\nS\r\nms {k} 1 MR\r\nR\r\nmg {k} v\r\n')
        r.expect('HD\r\nHD\r\nVA 1\r\nR\r\n')
        r.send(f'ms {k} 1 MS\r\nT\r\nmg {k} v\r\n')
        r.expect('HD\r\nVA 1\r\nT\r\n')

    def test_compare_and_swap(self):
        r, k = self.raw(), self.key('cas')
        r.send(f'ms {k} 1\r\nx\r\nmg {k} c\r\n')
        r.expect('HD\r\n')
        m = re.fullmatch(rb'HD c(\d+)', r.line())
        self.assertIsNotNone(m, 'mg c returns the cas value')
        cas = int(m.group(1))
        # The meta cas value is the classic one.
        r.send(f'gets {k}\r\n')
        r.expect(f'VALUE {k} 0 1 {cas}\r\nx\r\nEND\r\n')
        r.send(f'ms {k} 1 C{cas}\r\ny\r\nms {k} 1 C{cas}\r\nz\r\nmg {k} v\r\n')
        r.expect('HD\r\nEX\r\nVA 1\r\ny\r\n')
        missing = self.key('cas')
        r.send(f'ms {missing} 1 C{cas}\r\nq\r\n')
        r.expect('NF\r\n')

    def test_too_large_value_is_refused_and_swallowed(self):
        r, k = self.raw(), self.key('big')
        size = 2 * 1024 * 1024
        r.send(f'ms {k} {size} T0\r\n'.encode() + b'x' * size + b'\r\nmn\r\n')
        r.expect('SERVER_ERROR object too large for cache\r\nMN\r\n')
        r.send(f'mg {k} v\r\n')
        r.expect('EN\r\n')


class MetaErrorsTest(MemcachedCase):

    def test_mg_invalid_flags(self):
        r, k = self.raw(), self.key('err')
        r.send(f'mg {k} zz\r\nmg {k} v X\r\nmg {k} v v\r\nmn\r\n')
        r.expect('CLIENT_ERROR invalid flag\r\nCLIENT_ERROR invalid flag\r\n'
                 'CLIENT_ERROR duplicate flag\r\nMN\r\n')

    def test_mg_without_key(self):
        r = self.raw()
        r.send('mg\r\nmn\r\n')
        r.expect('ERROR\r\nMN\r\n')

    def test_key_too_long(self):
        r = self.raw()
        r.send(f'mg {"k" * 251} v\r\nmn\r\n')
        r.expect('CLIENT_ERROR bad command line format\r\nMN\r\n')
        k = 'k' * 250
        self._keys.append(k)
        r.send(f'ms {k} 1\r\nx\r\nmg {k} v\r\n')
        r.expect('HD\r\nVA 1\r\nx\r\n')

    def test_ms_invalid_flag_swallows_the_data(self):
        r, k = self.raw(), self.key('err')
        r.send(f'ms {k} 2 X\r\nhi\r\nmn\r\n')
        r.expect('CLIENT_ERROR invalid flag\r\nMN\r\n')
        r.send(f'ms {k} 2 MZ\r\nhi\r\nmn\r\n')
        r.expect('CLIENT_ERROR invalid mode for ms M token\r\nMN\r\n')
        r.send(f'ms {k} 2 Tabc\r\nhi\r\nmn\r\n')
        r.expect('CLIENT_ERROR bad token in command line format\r\nMN\r\n')
        r.send(f'mg {k} v\r\n')
        r.expect('EN\r\n')

    def test_ms_bad_length(self):
        r, k = self.raw(), self.key('err')
        # Without a usable length the data cannot be skipped: it is read as a command.
        r.send(f'ms {k}\r\nmn\r\n')
        r.expect('CLIENT_ERROR bad command line format\r\nMN\r\n')
        r.send(f'ms {k} abc\r\nhi\r\nmn\r\n')
        r.expect('CLIENT_ERROR bad command line format\r\nERROR\r\nMN\r\n')

    def test_ms_data_longer_than_announced(self):
        r, k = self.raw(), self.key('err')
        r.send(f'ms {k} 1\r\nhi\r\n')
        r.expect('CLIENT_ERROR bad data chunk\r\n')

    def test_ma_invalid_flags_and_modes(self):
        r, k = self.raw(), self.key('err')
        r.send(f'ma {k} X\r\nma {k} MX\r\nmn\r\n')
        r.expect('CLIENT_ERROR invalid or duplicate flag\r\n'
                 'CLIENT_ERROR invalid mode for ma M token\r\nMN\r\n')

    def test_md_invalid_flag(self):
        r, k = self.raw(), self.key('err')
        r.send(f'md {k} X\r\nmn\r\n')
        r.expect('CLIENT_ERROR invalid or duplicate flag\r\nMN\r\n')


class MetaBase64KeyTest(MemcachedCase):

    def _b64(self, key):
        return base64.b64encode(key.encode()).decode()

    def test_base64_key_round_trip(self):
        r = self.raw()
        plain = self.key('b64')
        enc = self._b64(plain)
        r.send(f'mg {enc} b v k\r\n')
        r.expect(f'EN k{enc} b\r\n')
        r.send(f'ms {enc} 3 b\r\nabc\r\nmg {enc} b v k\r\n')
        r.expect(f'HD\r\nVA 3 k{enc} b\r\nabc\r\n')
        r.send(f'mg {enc} b k O1 s\r\n')
        r.expect(f'HD k{enc} b O1 s3\r\n')
        # The decoded key names the same item.
        r.send(f'mg {plain} v\r\nget {plain}\r\n')
        r.expect(f'VA 3\r\nabc\r\nVALUE {plain} 0 3\r\nabc\r\nEND\r\n')
        r.send(f'md {enc} b\r\nmg {plain} v\r\n')
        r.expect('HD\r\nEN\r\n')

    def test_base64_binary_key(self):
        r = self.raw()
        raw_key = b'\x00\x01 \r\n\xff' + self.key('bin').encode()
        enc = base64.b64encode(raw_key).decode()
        r.send(f'ms {enc} 2 b\r\nhi\r\nmg {enc} b v\r\nma {enc} b\r\nmd {enc} b\r\nmd {enc} b\r\n')
        r.expect('HD\r\nVA 2\r\nhi\r\n'
                 'CLIENT_ERROR cannot increment or decrement non-numeric value\r\nHD\r\nNF\r\n')

    def test_invalid_base64(self):
        r = self.raw()
        r.send('mg !!!! b v\r\nmn\r\n')
        r.expect('CLIENT_ERROR error decoding key\r\nMN\r\n')


class MetaDebugTest(MemcachedCase):

    @staticmethod
    def _fields(line):
        parts = line.decode().split()
        return parts[0], parts[1], dict(p.split('=', 1) for p in parts[2:])

    def test_me(self):
        r, k = self.raw(), self.key('dbg')
        r.send(f'me {k}\r\n')
        r.expect('EN\r\n')
        r.send(f'ms {k} 1 T0\r\nx\r\nme {k}\r\n')
        r.expect('HD\r\n')
        word, key, fields = self._fields(r.line())
        self.assertEqual((word, key), ('ME', k))
        self.assertEqual(fields.get('exp'), '-1')
        self.assertEqual(fields.get('fetch'), 'no')
        self.assertRegex(fields.get('la', ''), r'^\d+$')
        self.assertRegex(fields.get('cas', ''), r'^\d+$')
        r.send(f'mg {k} v\r\nme {k}\r\n')
        r.expect('VA 1\r\nx\r\n')
        _, _, fields = self._fields(r.line())
        self.assertEqual(fields.get('fetch'), 'yes')


if __name__ == '__main__':
    unittest.main()

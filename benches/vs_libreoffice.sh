#!/usr/bin/env bash
# Needs (Debian): apt-get install libreoffice-writer-nogui sqlite3 time fonts-wqy-microhei
#
# One filled customer complaint form to PDF, whole process, two ways, alternating in one run:
#   (a) aftersales export-pdf --db DB NUMBER --out FILE.pdf
#   (b) soffice --headless --convert-to pdf --outdir DIR FILLED.fodt: the same complaint filled
#       into benches/complaint-template.fodt, the way clerks produce forms today.
# Prints each one's median, min and max wall time in ms (bash's EPOCHREALTIME around the bare
# command), its peak memory (GNU time's %M, the largest of 3 more runs, untimed: GNU time is one
# more process start), the PDF sizes, and LibreOffice's median over aftersales' median against
# the target of 50. Each command is first warmed once untimed; LibreOffice runs with a private
# profile in the temporary folder, made by that warm-up.
# Exits non-zero if either command fails or writes no PDF.
#
# Usage: benches/vs_libreoffice.sh [-n RUNS] [AFTERSALES]
#   RUNS        timed runs of each command (default 20)
#   AFTERSALES  the binary (or the AFTERSALES variable; default target/release/aftersales)
set -euo pipefail
# Bash 5.2 would put the matched text for each & in a ${var//pattern/replacement}.
shopt -u patsub_replacement 2>/dev/null || true

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
template=$here/complaint-template.fodt
runs=20

usage() {
    sed -n 's/^# \{0,1\}//; /^Usage:/,/^ *AFTERSALES/p' "${BASH_SOURCE[0]}" >&2
    exit 2
}
die() {
    echo "vs_libreoffice: $*" >&2
    exit 1
}

while getopts ":n:h" opt; do
    case $opt in
        n) runs=$OPTARG ;;
        *) usage ;;
    esac
done
shift $((OPTIND - 1))
(($# <= 1)) || usage
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "-n takes a whole number of runs from 1, not '$runs'"
aftersales=${1:-${AFTERSALES:-target/release/aftersales}}

[[ -n ${EPOCHREALTIME:-} ]] || die "needs bash 5 or later (for EPOCHREALTIME)"
[[ -x $aftersales ]] || die "no aftersales binary at '$aftersales' (build it: cargo build --release)"
for tool in soffice sqlite3; do
    command -v "$tool" >/dev/null || die "'$tool' not found: apt-get install libreoffice-writer-nogui sqlite3 time"
done
[[ -x /usr/bin/time ]] || die "/usr/bin/time not found: apt-get install time"
[[ -r $template ]] || die "template not found: $template"

tmp=$(mktemp -d "/tmp/vs_libreoffice.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
db=$tmp/demo.db
profile=file://$tmp/lo-profile
mkdir "$tmp/a" "$tmp/b"

# --- The complaint ------------------------------------------------------------------------

"$aftersales" demo --db "$db" --count 200 >"$tmp/demo.log" 2>&1 ||
    { cat "$tmp/demo.log" >&2; die "aftersales demo failed"; }
number=$(sqlite3 "$db" "SELECT complaint_no FROM complaints WHERE voided_at IS NULL ORDER BY id LIMIT 1")
[[ -n $number ]] || die "the demo database has no complaint"

# Its fields as src/pdf/complaint.rs prints them: the number with its office, the time to the
# minute, choices as "中文 English".
keys=(complaint_no received_at channel receiving_unit receiving_unit_name received_by
    warranty_no purchase_date customer_name customer_phone customer_address product_model
    serial_no complaint_type customer_request urgency media_risk description
    company_name company_address company_phone company_fax)
sql="SELECT complaint_no || CASE WHEN origin <> '' THEN ' · ' || origin ELSE '' END,
    substr(received_at, 1, 16), channel, receiving_unit, receiving_unit_name, received_by,
    coalesce(warranty_registration_no, ''), coalesce(purchase_date, ''), customer_name,
    customer_phone, customer_address, product_model, serial_no, complaint_type,
    customer_request, urgency, media_risk, description,
    coalesce((SELECT value FROM settings WHERE key = 'company_name'), ''),
    coalesce((SELECT value FROM settings WHERE key = 'company_address'), ''),
    coalesce((SELECT value FROM settings WHERE key = 'company_phone'), ''),
    coalesce((SELECT value FROM settings WHERE key = 'company_fax'), '')
    FROM complaints WHERE complaint_no = '${number//\'/\'\'}' ORDER BY id LIMIT 1"
# Unit and record separators, so that values may hold any other character, newlines too.
sqlite3 -batch -noheader -separator $'\x1f' -newline $'\x1e' "$db" "$sql" >"$tmp/fields"
IFS=$'\x1f' read -r -d $'\x1e' -a row <"$tmp/fields" || die "cannot read complaint $number"

declare -A label=(
    [channel:phone]="电话 Phone" [channel:fax]="传真 Fax" [channel:mail]="信函 Mail"
    [channel:visit]="来访 Visit" [channel:via_dealer]="经销商转达 Via dealer"
    [channel:online]="网络 Online"
    [receiving_unit:dealer]="经销商 Dealer" [receiving_unit:hq]="总部 Headquarters"
    [complaint_type:product_quality]="产品质量 Product quality"
    [complaint_type:installation_quality]="安装质量 Installation quality"
    [complaint_type:service_attitude]="服务态度 Service attitude"
    [complaint_type:improper_use]="使用不当（非质量） Improper use (non-quality)"
    [complaint_type:transport_damage]="运输损坏（非质量） Transport damage (non-quality)"
    [complaint_type:other]="其他（非质量） Other (non-quality)"
    [customer_request:repair]="维修 Repair" [customer_request:replace]="更换 Replacement"
    [customer_request:refund]="退货 Refund" [customer_request:compensation]="赔偿 Compensation"
    [customer_request:explanation]="解释说明 Explanation"
    [urgency:normal]="一般 Normal" [urgency:urgent]="紧急 Urgent" [urgency:critical]="特急 Critical"
    [media_risk:none]="无 None" [media_risk:possible]="可能 Possible"
    [media_risk:threatened]="用户扬言曝光 Customer threatens media"
)

filled=$(<"$template")
for i in "${!keys[@]}"; do
    key=${keys[i]}
    value=${row[i]-} # a trailing empty field is not read into the array
    value=${label[$key:$value]-$value}
    value=${value//&/"&amp;"}
    value=${value//</"&lt;"}
    value=${value//>/"&gt;"}
    value=${value//$'\n'/"<text:line-break/>"}
    filled=${filled//"{{$key}}"/"$value"}
done
[[ ! $filled =~ \{\{[a-z_]+\}\} ]] || die "template placeholder without a value: ${BASH_REMATCH[0]}"
printf '%s\n' "$filled" >"$tmp/b/complaint.fodt"

# --- The two commands ---------------------------------------------------------------------

a_pdf=$tmp/a/complaint.pdf
b_pdf=$tmp/b/out/complaint.pdf
# shellcheck disable=SC2034 # used by name in once()
{
    cmd_a=("$aftersales" export-pdf --db "$db" "$number" --out "$a_pdf")
    cmd_b=(soffice -env:UserInstallation="$profile" --headless --convert-to pdf
        --outdir "$tmp/b/out" "$tmp/b/complaint.fodt")
    cmd_base=(/bin/true) # a process start alone, for scale
}

# Runs one command (a, b or base) and checks its PDF. Timed: appends its wall time (µs) to
# times[which]. With "memory", runs it under GNU time instead and appends its peak RSS (KiB)
# to mems[which]: GNU time costs a process start of its own, so those runs are not timed.
declare -A times=() mems=()
once() {
    local which=$1 how=${2:-timed} pdf start end
    local -n cmd=cmd_$which
    case $which in a) pdf=$a_pdf ;; b) pdf=$b_pdf ;; *) pdf= ;; esac
    [[ -z $pdf ]] || rm -f "$pdf"
    start=${EPOCHREALTIME//[!0-9]/}
    if [[ $how == memory ]]; then
        /usr/bin/time -f %M -o "$tmp/$which.mem" "${cmd[@]}" >"$tmp/$which.log" 2>&1 || how=failed
    else
        "${cmd[@]}" >"$tmp/$which.log" 2>&1 || how=failed
    fi
    end=${EPOCHREALTIME//[!0-9]/}
    if [[ $how == failed ]]; then
        cat "$tmp/$which.log" >&2
        die "command ($which) failed"
    fi
    if [[ -n $pdf ]] && [[ ! -s $pdf || $(head -c 5 "$pdf") != %PDF- ]]; then
        cat "$tmp/$which.log" >&2
        die "command ($which) wrote no PDF at $pdf"
    fi
    case $how in
        timed) times[$which]+="$((end - start)) " ;;
        memory) mems[$which]+="$(tail -n 1 "$tmp/$which.mem") " ;;
    esac
}

# "median min max" in ms of a list of µs.
stats() {
    tr ' ' '\n' <<<"$1" | sed '/^$/d' | sort -n | awk '{ v[NR] = $1 } END {
        m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "%.1f %.1f %.1f\n", m / 1000, v[1] / 1000, v[NR] / 1000 }'
}
# The largest of a list of KiB, in MiB.
peak() {
    tr ' ' '\n' <<<"$1" | sed '/^$/d' | sort -n | tail -n 1 | awk '{ printf "%.1f", $1 / 1024 }'
}

# Untimed warm-ups: the page cache, and LibreOffice's first start making its profile.
once a untimed
once b untimed
# Timed, alternating; then three runs of each for the peak memory.
for ((i = 0; i < runs; i++)); do
    once a
    once b
    once base
done
for i in 1 2 3; do
    once a memory
    once b memory
done

# --- Report -------------------------------------------------------------------------------

read -r a_med a_min a_max <<<"$(stats "${times[a]}")"
read -r b_med b_min b_max <<<"$(stats "${times[b]}")"
read -r base_med _ _ <<<"$(stats "${times[base]}")"
a_size=$(stat -c %s "$a_pdf")
b_size=$(stat -c %s "$b_pdf")
ratio=$(awk -v a="$a_med" -v b="$b_med" 'BEGIN { printf "%.1f", b / a }')

echo "One filled complaint form to PDF, whole process, $runs alternating runs each"
echo "  complaint   $number (demo database of 200 cards)"
echo "  aftersales  $aftersales ($("$aftersales" --version 2>/dev/null || echo "version unknown"))"
echo "  soffice     $(soffice --version 2>/dev/null | head -n 1)"
echo
printf '  %-26s %10s %10s %10s %11s %11s\n' "" "median ms" "min ms" "max ms" "peak MiB" "PDF KiB"
printf '  %-26s %10s %10s %10s %11s %11.1f\n' "(a) aftersales export-pdf" \
    "$a_med" "$a_min" "$a_max" "$(peak "${mems[a]}")" "$(awk -v s="$a_size" 'BEGIN { print s / 1024 }')"
printf '  %-26s %10s %10s %10s %11s %11.1f\n' "(b) soffice --convert-to" \
    "$b_med" "$b_min" "$b_max" "$(peak "${mems[b]}")" "$(awk -v s="$b_size" 'BEGIN { print s / 1024 }')"
echo "  (a process start alone, /bin/true, takes ${base_med} ms here; peak memory: max of 3 runs)"
echo
echo "  ratio LibreOffice / aftersales (medians): ${ratio}x"
if awk -v r="$ratio" 'BEGIN { exit !(r >= 50) }'; then
    echo "  target ratio >= 50: met"
else
    echo "  target ratio >= 50: NOT met"
fi

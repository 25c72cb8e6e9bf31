/** Help text of the CLI (English, like the command names; messages are Vietnamese). */
export function usage(): string {
  return `VănThư command-line tool

Usage: vanthu <command> [--db FILE] [--json]
       (in the project folder: npx vanthu … or npm run -s cli -- …)

Incoming register
  init [--org-name NAME] [--org-code CODE] [--place PLACE] [--parent-org-name NAME] [--organ-id 000.00.00.H48]
  incoming add --data JSON | --data-file F [--attach FILE]... [--force] [--ocr]
                                                   a PDF's text is kept for content search; --ocr also reads scans
  incoming get ID | incoming update ID --data JSON [--force] | incoming void ID --reason TEXT
  incoming list [--register CODE] [--year Y] [--limit N] [--cursor C]
  incoming next-number [--register CODE] [--secrecy S] [--arrival-date D]
  search [QUERY] [--from D] [--to D] [--issued-from D] [--issued-to D] [--type T] [--org TEXT]
         [--urgency U] [--secrecy S] [--register CODE] [--status S] [--include-voided]
         [--sort relevance|date] [--limit N] [--cursor C] [--count] [--in fields|content|all]
                                                   --in content|all: also the files' text (contentHits: line, page)
                                                   total is exact up to 10,000, else totalCapped: true;
                                                   --count prints the exact {"total": N} instead
  ocr FILE [--pages 1-3] [--lines] [--searchable OUT.pdf]
                                                   text of a PDF, PNG, JPEG or TIFF per page with its confidence
                                                   (the PDF's text layer, else Vietnamese OCR); no database needed
  capture FILE                                     registration fields suggested from a scan or PDF (nothing saved)
  incoming stamp ID --out FILE.pdf [--alone]       a copy of the document's PDF with the "ĐẾN" stamp (the original is
                                                   not changed); --alone, or a paper document: the stamp by itself
  import FILE [--skip-invalid]                     CSV or JSON Lines; all-or-nothing by default
  register list | register print --register CODE --year Y --out FILE.pdf
  audit --id ID [--entity incoming|outgoing] | check | backup DEST | batch      (batch: JSON Lines commands on stdin)

Outgoing documents
  outgoing draft --data JSON | outgoing update ID --data JSON | outgoing approve ID
  outgoing get ID | outgoing list [--register CODE] [--year Y] [--status S] | outgoing search QUERY
  outgoing number ID [--register CODE] | outgoing pdf ID --out FILE.pdf
  outgoing sign ID --as official|organization (--p12 FILE --password-env VAR |
      (--token ID | --pkcs11-lib /ABSOLUTE/LIB) --token-label L --pin-env VAR --key-id HEX) [--image PNG]
  token add --library /ABSOLUTE/LIB --label NAME | token list | token remove ID   (this PC's token libraries)
  outgoing attach ID --file APPENDIX.pdf | outgoing attachment ID --attachment AID --out FILE.pdf
  outgoing issue ID --paper [--copies N]
  outgoing register print --register CODE --year Y --out FILE.pdf
  verify FILE.pdf [--trust CA.pem]...             trust add CA.pem | trust list
  trust import FILE.pem|.p7b|.p7c [--legacy]      roots become anchors, other CA certificates intermediates
                                                  (--legacy: SHA-1 chains accepted under these roots)
  trust legacy ID [--off]                         mark an anchor legacy (or not)
  trust remove ID                                 forget an anchor or an intermediate (audited)

Interchange with other offices (edXML, QCVN 102:2016)
  organ add --id 000.00.01.H48 --name N [--in-charge N] [--address A] [--email E] [--phone P] [--parent ID]
  organ import FILE.csv (ma_dinh_danh,ten,co_quan_chu_quan,dia_chi,email,dien_thoai,fax,website,ma_cap_tren) | organ list
  edxml export OUTGOING_ID --to ORGAN_ID... --out DIR [--recall|--update|--replaces OLD_ID] [--reason R]
  edxml import FILE.edxml [--register [--force]]   pending registration pre-filled from the header
  edxml received | edxml register ID [--data JSON] | edxml refuse ID --reason R | edxml deliveries OUTGOING_ID
  edxml status FILE.edxml                         a status message from a recipient
  edxml send OUTGOING_ID --to ORGAN_ID... [--recall --reason R|--update|--replaces OLD_ID]   into the outbox set below
  exchange set-folders --inbox DIR --outbox DIR [--errors DIR] [--interval S]   (administrator) | exchange folders
  exchange run [--inbox DIR --outbox DIR] [--once] [--interval S]   (default: the folders set)

Processing and follow-up
  unit add --code C --name N | unit list | unit import FILE.csv | person add --name N [--unit C] [--role R] | person import FILE.csv | person list
  incoming assign ID --lead UNIT [--support UNIT]... (--due D | --due-working-days N) [--direction TEXT] [--at DATE-TIME]
  incoming progress ID --unit UNIT --status in_progress|done [--reply SYMBOL] [--note TEXT] [--at DATE-TIME]
  incoming assignments ID | incoming slip ID --out FILE.pdf
  task add --data JSON | task update ID --data JSON | task list [--status S] [--unit U]
  calendar working-days --from D --days N | calendar holidays --year Y | calendar adjust --year Y --data JSON
  followup overdue|due-soon [--unit U] [--days N] | followup print --from D --to D [--unit U] --out FILE.pdf
  followup remind --unit U --signer-name N --signer-position P [--signer-authority A] [--drafting-unit VP]
  report --from D --to D [--unit U] [--json | --out FILE.pdf|FILE.xlsx]

Archive (file plan, dossiers)
  fileplan create Y [--numbering continuous|per_heading] | fileplan show Y
  fileplan add-heading Y --title T (--abbr ABBR | --parent ABBR)      big heading (I, II…) or small (1, 2…)
  fileplan add-dossier Y --heading ABBR[.N] --title T --retention "Vĩnh viễn"|YEARS [--creator NAME] [--note TEXT]
  fileplan approve Y --decision-number N --decision-date D | fileplan copy-from Y --to Y2
  dossier open --id PLANNED-ID | --year Y --code 01.TCCB | --title T --code C --retention R [--start-date D] [--creator N]
  dossier add-doc ID --kind incoming|outgoing --doc DOC-ID [--note T] | dossier remove-doc ID --kind K --doc DOC-ID [--reason T]
  dossier close ID --title T --retention R [--end-date D] [--page-total N] [--keep-flagged]
  dossier get ID | dossier list [WORDS] [--year Y] [--state S] [--code C] [--limit N] [--after CURSOR]
  fileplan print Y --out F.pdf | dossier index ID --out F.pdf               Danh mục hồ sơ; Mục lục văn bản
  dossier export ID --out DIR                     the dossier's documents and metadata as PDF + XML, in order of events
  dossier correct ID --reason T [--title T] [--creator N] [--start-date D] [--end-date D] [--page-total N] [--rights 01|02|03]
                                                  an accepted dossier's metadata corrected (archivist; old → new in the trail)
  hold add --target dossier:ID|incoming:ID|outgoing:ID... --ordered-by N --order-ref REF --reason T
  hold lift ID --lift-ref REF --reason T | hold list [--all] [--limit N] [--after CURSOR]
  handover due [--as-of D] [--within-days N] [--limit N] [--after CURSOR]   due dossiers (kept ≥ 5 years), a page at a time
  handover keep-back ID --decision-ref REF --decided-by N --reason T --until D     (at most 2 years past due)
  handover create --dossiers 1,2 --unit-name N --giver-name N [--giver-position P] [--block-name T] [--basis T]
                  [--boxes N] [--shelf-meters 1,25]            paper: boxes and shelf metres, printed with their words
  handover accept ID [--receiver-name N] [--receiver-position P] | handover get ID
  handover list [--status submitted|accepted] [--limit N] [--after CURSOR]     hand-overs, newest first
  handover print ID --out F.pdf | handover package ID --out F.zip | handover verify-package F.zip
  retention expired [--year Y] [--limit N] [--after CURSOR] | destroy propose --dossiers 1,2 --title T | destroy get ID
  destroy approve ID --council-ref R --minutes-ref R [--appraisal-ref R] --decision-ref R --decision-date D
  destroy execute ID --minutes-ref R | destroy list [--status proposed|approved|executed] [--limit N] [--after CURSOR]
  usage add --kind dossier|incoming|outgoing --target-id ID --user-name N --approved-by N [--used-on D]
  usage return ID [--returned-on D] | usage list [--from D] [--to D] [--limit N] [--after CURSOR] | usage print --year Y --out F.pdf

Office database (PostgreSQL, shared by every PC)
  init --database postgres://OWNER@HOST:PORT/DB   set up an office database (OWNER's password in PGPASSWORD)
  migrate-to postgres://OWNER@HOST:PORT/DB --from vanthu.sqlite    move a one-PC database there (all or nothing)
  backup DEST                                      with a PostgreSQL database: pg_dump -Fc, checked with pg_restore --list

The database is --db FILE or --database postgres://HOST:PORT/DB, else $VANTHU_DATABASE or $VANTHU_DB,
else the app's data folder. PostgreSQL passwords come from PGPASSWORD and are never printed.
Exit codes: 0 success, 2 input refused (nothing written), 1 other failure.
`;
}

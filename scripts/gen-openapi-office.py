#!/usr/bin/env python3
"""Writes Sources/PostRunAPI/OpenAPI+Office.swift (the OpenAPI fragment for /v1/handovers, /v1/cash, /v1/sla and their reports)."""
import json, os
def op(opid, summary, tag, desc, roles, body=None, ok="200", okschema=None, params=(), errors=("401","403"), extra_ok=None):
    o={"operationId":opid,"summary":summary,"tags":[tag],"description":desc,
       "parameters":[{"$ref":"#/components/parameters/RequestId"},{"$ref":"#/components/parameters/AcceptLanguage"}]+list(params),
       "security":[{"bearerAuth":[]}],"x-staff-roles":roles}
    if body: o["requestBody"]={"required":True,"content":{"application/json":{"schema":body}}}
    r={}
    if ok=="204": r["204"]={"description":"Done"}
    else:
        content={"application/json":{"schema":okschema}}
        if extra_ok: content.update(extra_ok)
        r[ok]={"description":"OK" if ok=="200" else "Created","content":content}
    for e in errors: r[e]={"$ref":f"#/components/responses/E{e}"}
    if body:
        for e in ("400","413","415","422"): r[e]={"$ref":f"#/components/responses/E{e}"}
    o["responses"]=r
    return o
ref=lambda n:{"$ref":f"#/components/schemas/{n}"}
idp=lambda d:{"name":"id","in":"path","required":True,"description":d,"schema":{"type":"string"}}
q=lambda name,desc,schema={"type":"string"},req=False:{"name":name,"in":"query","required":req,"description":desc,"schema":schema}
date={"type":"string","format":"date"}
ndate={"type":["string","null"],"format":"date"}
nstr={"type":["string","null"]}
money={"type":"integer","minimum":0}
period=[q("from","First day (Vietnamese date), inclusive.",date,True),q("to","Last day, inclusive.",date,True)]
office=q("office","Post office code; default the caller's office.")
fmt=q("format","`csv` for UTF-8 CSV with a BOM and Vietnamese headers (or send `Accept: text/csv`).",{"type":"string","enum":["json","csv"]})
csv={"text/csv":{"schema":{"type":"string"}}}
items=lambda n:{"type":"object","required":["items"],"properties":{"items":{"type":"array","items":ref(n)}}}
paths={
 "/v1/handovers":{
   "post":op("createHandover","Draft a handover record","handovers",
     "Roles `courier` (their own jobs; `courier` may be omitted), `dispatcher`/`admin` of the office (`courier` required). Lists the courier's jobs ready for the agency: "
     "`submit_dossiers` — pickups `picked_up` held by the courier; `collect_results` — results with a pending `collect_result` stop on the courier's run today; "
     "`return_results` — active `return_result` jobs held by the courier. Jobs on another draft of the same direction are left out. 422 `nothing_to_hand_over` when none.",
     ["admin","dispatcher","courier"],
     body={"type":"object","required":["direction","agency_code"],"properties":{"direction":{"type":"string","enum":["submit_dossiers","collect_results","return_results"]},
        "agency_code":{"type":"string","minLength":1,"maxLength":64},"courier":{"type":"string","description":"A courier's id (`cou_…`)."}}},
     ok="201",okschema=ref("Handover"),errors=("401","403","404")),
   "get":op("listHandovers","List handover records","handovers","Couriers see their own, dispatchers their office's. Newest first.",["admin","dispatcher","courier"],
     okschema=items("Handover"),params=[q("date","Records created on this day.",date),q("status","`draft` or `confirmed`.",{"type":"string","enum":["draft","confirmed"]})],
     errors=("401","403","422"))},
 "/v1/handovers/{id}":{
   "get":op("getHandover","Show a handover record","handovers",
     "JSON, or with `?format=html` (or `Accept: text/html`) the printable A4 page in Vietnamese: “BIÊN BẢN GIAO NHẬN HỒ SƠ / KẾT QUẢ”, parties, numbered list of dossiers with slip numbers, fees and appointment dates, totals, signatures.",
     ["admin","dispatcher","courier"],okschema=ref("Handover"),extra_ok={"text/html":{"schema":{"type":"string"}}},
     params=[idp("A handover record's id (`hov_…`)."),q("format","`html` for the printable page.",{"type":"string","enum":["json","html"]})],errors=("401","403","404")),
   "delete":op("deleteHandover","Delete a draft","handovers","A draft only (its jobs become free for another record); a confirmed record is kept: 409.",
     ["admin","dispatcher","courier"],ok="204",params=[idp("A handover record's id (`hov_…`).")],errors=("401","403","404","409"))},
 "/v1/handovers/{id}/confirm":{"post":op("confirmHandover","Confirm a handover record","handovers",
     "The agency's receiving officer signed. In one transaction: every listed job moves on (submit: `picked_up` → `handed_to_agency` with `submitted_at` = now, the legal submission time, "
     "and the appointment date brought back per item; collect: → `result_collected`; return: the return job done and its delivery `returned_to_agency`), the agency stops are done, "
     "job events (actor `staff:<username>`) and webhooks are written, and the unpaid government fees of those jobs are tied to the record. `version` must be current (409 otherwise); "
     "a confirmed record answers 409 and nothing changes.",["admin","dispatcher","courier"],
     body={"type":"object","required":["version","receiving_officer"],"properties":{"version":{"type":"integer"},"receiving_officer":{"type":"string","minLength":1,"maxLength":200},
        "items":{"type":"array","items":{"type":"object","required":["job_id"],"properties":{"job_id":{"type":"string"},"appointment_date":date}}}}},
     okschema=ref("Handover"),params=[idp("A handover record's id (`hov_…`).")],errors=("401","403","404","409"))},
 "/v1/cash/couriers/{id}/days/{date}":{"get":op("getCourierCashDay","A courier's cash for a day","cash",
     "The courier themselves, or their office's staff. `expected` = everything collected that day (postage and government fees) minus the fees already paid over to agencies on confirmed handover records: what the courier hands in to the post office.",
     ["admin","dispatcher","courier"],okschema=ref("CashDay"),params=[idp("A courier's id (`cou_…`)."),{"name":"date","in":"path","required":True,"schema":date}],errors=("401","403","404","422"))},
 "/v1/cash/reconciliations":{"post":op("reconcileCourierCash","Reconcile a courier's day","cash",
     "Roles `dispatcher`, `admin`. Stores the expected amount (computed now) and the amount handed in; a difference needs `note` (422); one per courier and day (409). The day's entries point at it.",
     ["admin","dispatcher"],body={"type":"object","required":["courier","date","handed_in"],"properties":{"courier":{"type":"string"},"date":date,"handed_in":money,"note":{"type":"string","maxLength":2000}}},
     ok="201",okschema=ref("CashDay"),errors=("401","403","404","409"))},
 "/v1/reports/cash/agencies":{"get":op("reportCashByAgency","Government fees per agency","cash",
     "Roles `dispatcher` (own office), `admin`. Per agency over entries of the period: fees collected, paid over at confirmed handovers, outstanding. CSV: UTF-8 with BOM, Vietnamese headers, amounts in đồng as integers, a totals row.",
     ["admin","dispatcher"],okschema=ref("AgencyCashReport"),extra_ok=csv,params=period+[office,fmt],errors=("401","403","404","422"))},
 "/v1/reports/cash/couriers":{"get":op("reportCashByCourier","Cash per courier of an office","cash",
     "Roles `dispatcher` (own office), `admin`. Postage and fees collected per courier, paid over, expected, handed in at reconciliations. CSV as for agencies.",
     ["admin","dispatcher"],okschema=ref("CourierCashReport"),extra_ok=csv,params=period+[office,fmt],errors=("401","403","404","422"))},
 "/v1/sla/flags":{"get":op("listSLAFlags","Jobs at risk or late","sla",
     "Roles `dispatcher` (own office), `admin`. From the SLA watch (every 5 minutes): results whose appointment date is within one working day (`at_risk`) or past (`late`); dossiers not handed over within J + service time.",
     ["admin","dispatcher"],okschema=items("SLAFlag"),params=[office,q("status","`at_risk` or `late`.",{"type":"string","enum":["at_risk","late"]})],errors=("401","403","404","422"))},
 "/v1/reports/on-time":{"get":op("reportOnTime","On-time rate","sla",
     "Roles `dispatcher` (own office), `admin` (all offices without `office`). Jobs due in the period per office and area group (`remote_ethnic_difficult` vs `other`): results on time when delivered by the appointment date, dossiers when handed over within the service time; open jobs not yet due are `pending`.",
     ["admin","dispatcher"],okschema=ref("OnTimeReport"),extra_ok=csv,params=period+[office,fmt],errors=("401","403","404","422"))},
}
tally={"type":"object","required":["on_time","late","pending","rate"],"properties":{"on_time":{"type":"integer"},"late":{"type":"integer"},"pending":{"type":"integer"},"rate":{"type":["number","null"]}}}
schemas={
 "Handover":{"type":"object","required":["id","direction","status","version","office","agency","courier","receiving_officer","created_at","confirmed_at","confirmed_by","fees_paid_over","items"],
   "properties":{"id":{"type":"string"},"direction":{"type":"string","enum":["submit_dossiers","collect_results","return_results"]},"status":{"type":"string","enum":["draft","confirmed"]},
     "version":{"type":"integer"},"office":{"type":"object","required":["code","name"],"properties":{"code":{"type":"string"},"name":{"type":"string"}}},
     "agency":{"type":"object","required":["code","name"],"properties":{"code":{"type":"string"},"name":{"type":"string"}}},
     "courier":{"type":"object","required":["id","name"],"properties":{"id":{"type":"string"},"name":{"type":"string"}}},
     "receiving_officer":nstr,"created_at":{"type":"string","format":"date-time"},"confirmed_at":{"type":["string","null"],"format":"date-time"},"confirmed_by":nstr,
     "fees_paid_over":money,
     "items":{"type":"array","items":{"type":"object","required":["job_id","dossier_code","slip_number","fee_amount","appointment_date"],
        "properties":{"job_id":{"type":"string"},"dossier_code":nstr,"slip_number":nstr,"fee_amount":money,"appointment_date":ndate}}}}},
 "CashDay":{"type":"object","required":["courier","date","currency","entries","collected","paid_over_to_agencies","expected","reconciliation"],
   "properties":{"courier":{"type":"object","required":["id","name"],"properties":{"id":{"type":"string"},"name":{"type":"string"}}},"date":date,"currency":{"const":"VND"},
     "entries":{"type":"array","items":{"type":"object","required":["job_id","dossier_code","kind","amount","receipt_number","agency_code","collected_at","handover_id"],
        "properties":{"job_id":{"type":"string"},"dossier_code":nstr,"kind":{"type":"string","enum":["government_fee","postage"]},"amount":money,"receipt_number":{"type":"string"},
        "agency_code":nstr,"collected_at":{"type":"string","format":"date-time"},"handover_id":nstr}}},
     "collected":{"type":"object","required":["government_fee","postage","total"],"properties":{"government_fee":money,"postage":money,"total":money}},
     "paid_over_to_agencies":money,"expected":{"type":"integer"},
     "reconciliation":{"oneOf":[{"type":"null"},{"type":"object","required":["id","expected","handed_in","difference","note","reconciled_by","reconciled_at"],
        "properties":{"id":{"type":"string"},"expected":{"type":"integer"},"handed_in":money,"difference":{"type":"integer"},"note":nstr,"reconciled_by":{"type":"string"},
        "reconciled_at":{"type":"string","format":"date-time"}}}]}}},
 "AgencyCashReport":{"type":"object","required":["from","to","currency","rows","totals"],"properties":{"from":date,"to":date,"currency":{"const":"VND"},
   "rows":{"type":"array","items":{"type":"object","required":["agency_code","agency_name","entries","collected","paid_over","outstanding"],
      "properties":{"agency_code":{"type":"string"},"agency_name":{"type":"string"},"entries":{"type":"integer"},"collected":money,"paid_over":money,"outstanding":{"type":"integer"}}}},
   "totals":{"type":"object","required":["entries","collected","paid_over","outstanding"],"properties":{"entries":{"type":"integer"},"collected":money,"paid_over":money,"outstanding":{"type":"integer"}}}}},
 "CourierCashReport":{"type":"object","required":["from","to","currency","rows"],"properties":{"from":date,"to":date,"currency":{"const":"VND"},
   "rows":{"type":"array","items":{"type":"object","required":["courier","courier_name","entries","postage","government_fees","paid_over","expected","handed_in","reconciled_days"],
      "properties":{"courier":{"type":"string"},"courier_name":{"type":"string"},"entries":{"type":"integer"},"postage":money,"government_fees":money,"paid_over":money,
      "expected":{"type":"integer"},"handed_in":money,"reconciled_days":{"type":"integer"}}}}}},
 "SLAFlag":{"type":"object","required":["job_id","job_kind","state","dossier_code","commune_code","kind","status","due_date","flagged_at"],
   "properties":{"job_id":{"type":"string"},"job_kind":{"type":"string"},"state":{"type":"string"},"dossier_code":nstr,"commune_code":{"type":"string"},
     "kind":{"type":"string","enum":["result_due","dossier_overdue"]},"status":{"type":"string","enum":["at_risk","late"]},"due_date":date,"flagged_at":{"type":"string","format":"date-time"}}},
 "OnTimeReport":{"type":"object","required":["from","to","rows","by_office","by_area_group","total"],"properties":{"from":date,"to":date,
   "by_office":{"type":"array","items":{"type":"object","required":["office","total"],"properties":{"office":{"type":"string"},"total":tally}}},
   "by_area_group":{"type":"array","items":{"type":"object","required":["area_group","total"],"properties":{"area_group":{"type":"string","enum":["remote_ethnic_difficult","other"]},"total":tally}}},
   "rows":{"type":"array","items":{"type":"object","required":["office","office_name","area_group","deliveries","pickups","total"],
     "properties":{"office":{"type":"string"},"office_name":{"type":"string"},"area_group":{"type":"string","enum":["remote_ethnic_difficult","other"]},
     "deliveries":tally,"pickups":tally,"total":tally}}},"total":tally}},
}
doc={"tags":[{"name":"handovers"},{"name":"cash"},{"name":"sla"}],"paths":paths,"components":{"schemas":schemas}}
text=json.dumps(doc,indent=2,ensure_ascii=False)
assert '"""#' not in text
open(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'Sources', 'PostRunAPI', 'OpenAPI+Office.swift'), 'w').write('''extension OpenAPIDocument {
    /// Handover records (`/v1/handovers`), cash (`/v1/cash`, `/v1/reports/cash/…`) and the SLA watch (`/v1/sla`, `/v1/reports/on-time`).
    /// Written by scripts/gen-openapi-office.py: edit the script, then run it.
    static let officeFragment = #"""
'''+text+'''
"""#
}
''')

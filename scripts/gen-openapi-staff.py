#!/usr/bin/env python3
"""Writes Sources/PostRunAPI/OpenAPI+Staff.swift (the OpenAPI fragment for /v1/auth, /v1/staff, /v1/couriers)."""
import json
def op(opid, summary, tag, desc, roles, body=None, ok="200", okschema=None, params=(), errors=("401","403"), ifmatch=False, extra=None):
    o={"operationId":opid,"summary":summary,"tags":[tag],"description":desc,
       "parameters":[{"$ref":"#/components/parameters/RequestId"},{"$ref":"#/components/parameters/AcceptLanguage"}]+list(params)}
    if roles is not None:
        o["security"]=[{"bearerAuth":[]}]
        o["x-staff-roles"]=roles
    else:
        o["security"]=[]
    if ifmatch: o["parameters"].append({"$ref":"#/components/parameters/IfMatchRequired"})
    if body: o["requestBody"]={"required":True,"content":{"application/json":{"schema":body}}}
    r={}
    if ok=="204": r["204"]={"description":"Done"}
    else: r[ok]={"description":"OK" if ok=="200" else "Created","content":{"application/json":{"schema":okschema}}}
    for e in errors: r[e]={"$ref":f"#/components/responses/E{e}"}
    if body: r.setdefault("400",{"$ref":"#/components/responses/E400"}); r["413"]={"$ref":"#/components/responses/E413"}; r["415"]={"$ref":"#/components/responses/E415"}; r["422"]={"$ref":"#/components/responses/E422"}
    o["responses"]=r
    if extra: o.update(extra)
    return o
ref=lambda n:{"$ref":f"#/components/schemas/{n}"}
idp=lambda d:{"name":"id","in":"path","required":True,"description":d,"schema":{"type":"string"}}
items=lambda n:{"type":"object","required":["items"],"properties":{"items":{"type":"array","items":ref(n)}}}
hhmm={"type":"string","pattern":"^([01][0-9]|2[0-4]):[0-5][0-9](:[0-5][0-9])?$"}
profile_props={"name":{"type":"string","minLength":1,"maxLength":200},"phone":{"type":["string","null"]},
   "vehicle":{"type":"string","enum":["motorbike","bicycle","car","van","on_foot"]},
   "capacity_dossiers":{"type":"integer","minimum":1,"maximum":500},"capacity_grams":{"type":"integer","minimum":1,"maximum":1000000},
   "shift_start":hhmm,"shift_end":hhmm,"working_days":{"type":"array","items":{"type":"integer","minimum":1,"maximum":7}},
   "skills":{"type":"array","items":{"type":"string"}},"active":{"type":"boolean"}}
paths={
 "/v1/auth/token":{"post":op("createStaffToken","Log in (staff)","staff","Username and password give a short-lived bearer token `pst_…` (12 h). Tokens stop working at once when the password changes or the user is disabled.",None,
     body={"type":"object","required":["username","password"],"properties":{"username":{"type":"string"},"password":{"type":"string"}}},
     okschema=ref("StaffToken"),errors=("401",))},
 "/v1/auth/me":{"get":op("getStaffMe","Who am I","staff","Any staff role.",["admin","dispatcher","courier"],okschema=ref("StaffUser"))},
 "/v1/staff":{"post":op("createStaffUser","Create a staff user","staff","Role `admin`. An office admin creates dispatchers and couriers of their office only.",["admin"],
     body={"type":"object","required":["username","display_name","role","password"],"properties":{"username":{"type":"string"},"display_name":{"type":"string"},
        "role":{"type":"string","enum":["admin","dispatcher","courier"]},"office":{"type":["string","null"]},"password":{"type":"string","minLength":10}}},
     ok="201",okschema=ref("StaffUser")),
   "get":op("listStaffUsers","List staff users","staff","Roles `admin`, `dispatcher` (own office).",["admin","dispatcher"],okschema=items("StaffUser"))},
 "/v1/staff/{id}/disable":{"post":op("disableStaffUser","Disable a staff user","staff","Role `admin`. Their tokens stop working at once.",["admin"],ok="204",params=[idp("A user's id (`usr_…`).")],errors=("401","403","404"))},
 "/v1/staff/{id}/password":{"put":op("setStaffPassword","Set a password","staff","An admin for anyone; a user for themselves. Older tokens stop working.",["admin","dispatcher","courier"],
     body={"type":"object","required":["password"],"properties":{"password":{"type":"string","minLength":10}}},ok="204",params=[idp("A user's id (`usr_…`).")],errors=("401","403","404"))},
 "/v1/couriers":{"post":op("createCourier","Add a courier","couriers","Roles `admin`, `dispatcher` of the office. `username` links a courier login of the same office.",["admin","dispatcher"],
     body={"type":"object","required":["name"],"properties":dict(profile_props,office={"type":"string"},username={"type":"string"})},ok="201",okschema=ref("Courier")),
   "get":op("listCouriers","List an office's couriers","couriers","Roles `admin`, `dispatcher`. `office` defaults to the caller's.",["admin","dispatcher"],okschema=items("Courier"),
     params=[{"name":"office","in":"query","schema":{"type":"string"}},{"name":"include_inactive","in":"query","schema":{"type":"boolean"}}],errors=("401","403","422"))},
 "/v1/couriers/{id}":{"get":op("getCourier","Show a courier","couriers","The office's staff, or the courier themselves.",["admin","dispatcher","courier"],okschema=ref("Courier"),params=[idp("A courier's id (`cou_…`).")],errors=("401","403","404")),
   "patch":op("patchCourier","Change a courier's profile","couriers","Roles `admin`, `dispatcher`; `If-Match` with the version.",["admin","dispatcher"],
     body={"type":"object","properties":profile_props},okschema=ref("Courier"),params=[idp("A courier's id (`cou_…`).")],ifmatch=True,errors=("401","403","404","412","428"))},
 "/v1/couriers/{id}/leave":{"post":op("addCourierLeave","Record leave","couriers","Roles `admin`, `dispatcher`. The planner gives no run on leave days.",["admin","dispatcher"],
     body={"type":"object","required":["first_day","last_day"],"properties":{"first_day":{"type":"string","format":"date"},"last_day":{"type":"string","format":"date"},"note":{"type":"string"}}},
     ok="201",okschema=ref("Courier"),params=[idp("A courier's id (`cou_…`).")],errors=("401","403","404"))},
 "/v1/couriers/{id}/leave/{leave}":{"delete":op("removeCourierLeave","Remove leave","couriers","Roles `admin`, `dispatcher`.",["admin","dispatcher"],okschema=ref("Courier"),
     params=[idp("A courier's id (`cou_…`)."),{"name":"leave","in":"path","required":True,"schema":{"type":"string"}}],errors=("401","403","404"))},
 "/v1/agencies":{"get":op("listAgencies","List agencies","agencies","Any staff role.",["admin","dispatcher","courier"],okschema=items("AgencyEntry"))},
 "/v1/agencies/{code}":{"get":op("getAgency","Show an agency","agencies","Any staff role.",["admin","dispatcher","courier"],okschema=ref("AgencyEntry"),
     params=[{"name":"code","in":"path","required":True,"schema":{"type":"string"}}],errors=("401","403","404")),
   "put":op("putAgency","Create or replace an agency","agencies","Role `admin`. Opening hours are local-time windows; the planner hands dossiers over and collects results within them.",["admin"],
     body={"type":"object","required":["name"],"properties":{"name":{"type":"string"},"address":{"type":"string"},"commune_code":{"type":["string","null"]},
        "lat":{"type":["number","null"]},"lon":{"type":["number","null"]},"opening_hours":{"type":"array","items":{"type":"array","items":hhmm,"minItems":2,"maxItems":2}},
        "working_days":{"type":"array","items":{"type":"integer","minimum":1,"maximum":7}}}},
     okschema=ref("AgencyEntry"),params=[{"name":"code","in":"path","required":True,"schema":{"type":"string"}}])},
 "/v1/calendar/days":{"get":op("listCalendarDays","Public holidays and make-up working days","calendar","Any staff role. Seeded from the built-in list at start-up; admins correct it (Tết moves every year).",["admin","dispatcher","courier"],
     okschema=items("CalendarDay"),params=[{"name":"year","in":"query","schema":{"type":"integer"}}],errors=("401","403","422"))},
 "/v1/calendar/days/{day}":{"put":op("putCalendarDay","Set a holiday or make-up working day","calendar","Role `admin`.",["admin"],
     body={"type":"object","required":["kind","name_vi"],"properties":{"kind":{"type":"string","enum":["holiday","make_up_working_day"]},"name_vi":{"type":"string"},"name_en":{"type":"string"},"confirmed":{"type":"boolean"}}},
     okschema=ref("CalendarDay"),params=[{"name":"day","in":"path","required":True,"schema":{"type":"string","format":"date"}}]),
   "delete":op("deleteCalendarDay","Remove a calendar day","calendar","Role `admin`.",["admin"],ok="204",
     params=[{"name":"day","in":"path","required":True,"schema":{"type":"string","format":"date"}}],errors=("401","403","404","422"))},
}
schemas={
 "AgencyEntry":{"type":"object","required":["code","name","address","commune_code","lat","lon","opening_hours","working_days"],"properties":{"code":{"type":"string"},"name":{"type":"string"},
    "address":{"type":"string"},"commune_code":{"type":["string","null"]},"lat":{"type":["number","null"]},"lon":{"type":["number","null"]},
    "opening_hours":{"type":"array","items":{"type":"array","items":{"type":"string"}}},"working_days":{"type":"array","items":{"type":"integer"}}}},
 "CalendarDay":{"type":"object","required":["day","kind","name_vi","name_en","confirmed"],"properties":{"day":{"type":"string","format":"date"},
    "kind":{"type":"string","enum":["holiday","make_up_working_day"]},"name_vi":{"type":"string"},"name_en":{"type":"string"},"confirmed":{"type":"boolean"}}},
 "StaffUser":{"type":"object","required":["id","username","display_name","role","office"],"properties":{"id":{"type":"string"},"username":{"type":"string"},"display_name":{"type":"string"},
    "role":{"type":"string","enum":["admin","dispatcher","courier"]},"office":{"type":["string","null"]},"courier_id":{"type":"string"}}},
 "StaffToken":{"type":"object","required":["access_token","token_type","expires_at","user"],"properties":{"access_token":{"type":"string"},"token_type":{"const":"Bearer"},
    "expires_at":{"type":"string","format":"date-time"},"user":ref("StaffUser")}},
 "Courier":{"type":"object","required":["id","office","name","vehicle","capacity_dossiers","capacity_grams","shift_start","shift_end","working_days","skills","active","version","leave"],
    "properties":dict(profile_props,id={"type":"string"},office={"type":"string"},username={"type":["string","null"]},version={"type":"integer"},
    leave={"type":"array","items":{"type":"object","required":["id","first_day","last_day","note"],"properties":{"id":{"type":"integer"},"first_day":{"type":"string","format":"date"},"last_day":{"type":"string","format":"date"},"note":{"type":"string"}}}})},
}
doc={"tags":[{"name":"staff"},{"name":"couriers"},{"name":"agencies"},{"name":"calendar"}],"paths":paths,"components":{"schemas":schemas}}
text=json.dumps(doc,indent=2,ensure_ascii=False)
assert '"""#' not in text
open(__import__('os').path.join(__import__('os').path.dirname(__import__('os').path.abspath(__file__)),'..','Sources/PostRunAPI/OpenAPI+Staff.swift'),'w').write('''extension OpenAPIDocument {
    /// Staff login and users (`/v1/auth`, `/v1/staff`), couriers (`/v1/couriers`), agencies and the holiday calendar.
    static let staffFragment = #"""
'''+text+'''
"""#
}
''')

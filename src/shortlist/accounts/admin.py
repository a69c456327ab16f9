from django.contrib import admin

from shortlist.accounts.models import Membership


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "client")
    list_filter = ("role",)
    search_fields = ("user__username", "client__name")
    autocomplete_fields = ("client",)
